// A RuleTester in the manner of typescript-eslint: `valid` snippets must not fire the rule;
// `invalid` cases must fire it at the given positions, and their fix output must re-parse, no longer
// fire the rule, be stable when fixed again, and leave everything outside the edited document alone.
// Every fix and every suggestion edits where its finding is (the mapping that holds it), or appends a
// new document, and removes its finding.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isMap, visit } from 'yaml';
import { applyEdits, check, Config, Finding, Fix, FileChanges, fixAll, mergeConfig, parseManifest, PartialConfig } from '../../server/src/engine';
import { rules, rulesById } from '../../rules';
import { viewOf, workspaceOf } from './workspace';

export interface ExpectedError {
  messageId: string;
  /** 1-based line and column of the finding's start, as editors show them. */
  line: number;
  column: number;
  /** Optional 1-based end column on the same line, to pin the exact range. */
  endColumn?: number;
}

export interface ValidCase {
  name?: string;
  code: string;
  config?: PartialConfig;
  /** Other files of the workspace, by path: the code is checked as `path` among them. */
  files?: Record<string, string>;
  /** The checked file's path in the workspace of `files` (default `/ws/manifest.yaml`). */
  path?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** The text after fixing every safe fix of this rule; `null` when the rule has no safe fix here. */
  output: string | null;
  /** Findings that must offer a suggestion (by index in `errors`) — checked: each suggestion re-parses and removes its finding. */
  suggestions?: boolean;
}

export interface RuleTable {
  valid: Array<string | ValidCase>;
  invalid: InvalidCase[];
}

function configOf(c: ValidCase): Config {
  return mergeConfig({ kubernetesVersion: '1.37', podSecurityLevel: 'restricted' }, c.config ?? {});
}

function findingsOf(code: string, config: Config, ruleId: string, c?: ValidCase): Finding[] {
  const workspace = c?.files ? viewOf(workspaceOf(c.files), c.path ?? '/ws/manifest.yaml', code) : undefined;
  return check(code, { config, rules, workspace, onRuleError: (id, e) => assert.fail(`rule ${id} threw: ${String(e)}`) }).findings.filter((f) => f.ruleId === ruleId);
}

function position(code: string, offset: number): { line: number; column: number } {
  const p = parseManifest(code).lines.position(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

/** Plain data of every document, to prove that a fix changed nothing it should not have. */
function documentsData(code: string): unknown[] {
  return parseManifest(code).documents.map((d) => d.doc.toJS({ maxAliasCount: 100 }));
}

export function ruleTester(ruleId: string, table: RuleTable): void {
  const rule = rulesById.get(ruleId);
  describe(ruleId, () => {
    test('is in the catalog', () => assert.ok(rule, `unknown rule ${ruleId}`));

    table.valid.forEach((v, i) => {
      const c = typeof v === 'string' ? { code: v } : v;
      test(`valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const found = findingsOf(c.code, configOf(c), ruleId, c);
        assert.deepEqual(
          found.map((f) => `${f.messageId} ${f.message}`),
          [],
        );
      });
    });

    table.invalid.forEach((c, i) => {
      test(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const config = configOf(c);
        const found = findingsOf(c.code, config, ruleId, c);
        const actual = found.map((f) => {
          const start = position(c.code, f.offset);
          const end = position(c.code, f.offset + f.length);
          return { messageId: f.messageId, line: start.line, column: start.column, ...(c.errors.some((e) => e.endColumn) ? { endColumn: end.column } : {}) };
        });
        const expected = c.errors.map((e) => ({ messageId: e.messageId, line: e.line, column: e.column, ...(c.errors.some((x) => x.endColumn) ? { endColumn: e.endColumn } : {}) }));
        assert.deepEqual(actual, expected);
        for (const f of found) assert.ok(f.length > 0, `finding "${f.message}" has an empty range`);

        const safe = found.filter((f) => f.fix);
        if (c.output === null) {
          assert.equal(safe.length, 0, 'expected no safe fix');
        } else {
          assert.ok(safe.length > 0, 'expected a safe fix');
          const fixed = fixAll(c.code, { config, rules: [rule!] });
          assert.equal(fixed.text, c.output);
          assertFixedWell(c.code, fixed.text, config, ruleId);
          // Each fix on its own is minimal: it stays inside its document and removes its finding.
          for (const f of safe) {
            const file = parseManifest(c.code);
            const edits = f.fix!.apply(file);
            const doc = file.documents[f.documentIndex].doc.range;
            for (const e of edits) assert.ok(e.offset >= doc[0] && e.offset + e.length <= doc[2], `edit outside its document: ${JSON.stringify(e)}`);
            assertRemoves(c.code, config, ruleId, found, f, f.fix!);
          }
        }
        if (c.suggestions)
          assert.ok(
            found.some((f) => f.suggestions.length),
            'expected suggestions',
          );
        for (const f of found) for (const s of f.suggestions) assertRemoves(c.code, config, ruleId, found, f, s);
      });
    });
  });
}

/**
 * The mappings that hold the finding below the resource's root (the container, the pod spec, the
 * workload's spec): a fix edits one of them. The root counts only for a finding on the root itself.
 */
function owners(code: string, f: Finding): Array<[number, number]> {
  const doc = parseManifest(code).documents[f.documentIndex].doc;
  const holding: Array<[number, number]> = [];
  visit(doc, (_, node) => {
    if (!isMap(node) || !node.range) return;
    const [start, , end] = node.range;
    if (start <= f.offset && f.offset + f.length <= end) holding.push([start, end]);
  });
  return holding.length > 1 ? holding.slice(1) : holding;
}

/** A fix or suggestion edits where its finding is (or adds a document), parses, and removes its finding. */
function assertRemoves(code: string, config: Config, ruleId: string, found: Finding[], f: Finding, action: { title: string; apply: Fix; files?: FileChanges }): void {
  const file = parseManifest(code);
  const edits = action.apply(file);
  if (edits.length === 0 && action.files) {
    // It creates or edits another file (a new NetworkPolicy file, say): the workspace tests follow it there.
    assert.ok(action.files(file).length > 0, `"${action.title}" changes no file`);
    return;
  }
  assert.ok(edits.length > 0, `"${action.title}" edits nothing`);
  const overlaps = (e: { offset: number; length: number }) => owners(code, f).some(([start, end]) => e.offset <= end && e.offset + e.length >= start);
  // A new document: appended, or inserted at a line start (right after the workload's document).
  const appendsDocument = (e: { offset: number; text: string }) => (e.offset === code.length || code[e.offset - 1] === '\n') && /(^|\n)---/.test(e.text);
  assert.ok(edits.some(overlaps) || edits.some(appendsDocument), `"${action.title}" edits away from its finding at ${f.offset}: ${JSON.stringify(edits)}`);
  const once = applyEdits(code, edits);
  assert.equal(parseManifest(once).problems.length, 0, `"${action.title}" output does not parse:\n${once}`);
  assert.ok(findingsOf(once, config, ruleId).length < found.length, `"${action.title}" did not remove its finding:\n${once}`);
}

/** The checks every fix output must pass. */
export function assertFixedWell(before: string, after: string, config: Config, ruleId: string): void {
  const parsed = parseManifest(after);
  assert.deepEqual(parsed.problems, [], `output does not parse:\n${after}`);
  assert.deepEqual(
    findingsOf(after, config, ruleId)
      .filter((f) => f.fix)
      .map((f) => f.message),
    [],
    'rule still fires after fixing',
  );
  const again = fixAll(after, { config, rules: [rulesById.get(ruleId)!] });
  assert.equal(again.text, after, 'fixing twice changed the text');
  const docsBefore = documentsData(before);
  const docsAfter = documentsData(after);
  assert.equal(docsAfter.length, docsBefore.length, 'document count changed');
}
