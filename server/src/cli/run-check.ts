// The `check` command without any output: reads every input, parses them all first so that the
// Namespace labels of any file apply to every other file, lints each file once, applies safe fixes
// when asked, and returns plain results with 1-based positions for the formatters.

import { promises as fs } from 'node:fs';
import {
  Config,
  errorMessage,
  factsOf,
  factsOfText,
  Finding,
  fixAll,
  LineIndex,
  lint,
  namespacePolicies,
  ParsedFile,
  parseManifest,
  Resource,
  resourcesOf,
  RuleDefinition,
  ruleSeverity,
  WorkspaceIndex,
} from '../engine';
import { describeIoError, expandPaths, Input, InputError, readInput } from './files';

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ReportedFinding extends Position {
  file: string;
  finding: Finding;
}

export interface ReportedError {
  file: string;
  message: string;
  /** Present for syntax errors. */
  position?: Position;
  /** `io` errors (unreadable input, failed write) make the exit code 2. */
  kind: 'io' | 'syntax';
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface CheckResult {
  findings: ReportedFinding[];
  errors: ReportedError[];
  skipped: SkippedFile[];
  /** Files that were read and parsed (with or without findings). */
  filesChecked: number;
  /** Files rewritten by --fix, and how many findings their fixes removed. */
  fixed: { files: number; findings: number };
  /** Every input's name in the order they were checked, for grouping the report. */
  order: string[];
  /** Notes for the user that are not results (shown on stderr). */
  notes: string[];
}

export interface CheckRequest {
  paths: readonly string[];
  cwd: string;
  config: Config;
  rules: readonly RuleDefinition[];
  fix: boolean;
}

interface Loaded {
  input: Input;
  text: string;
  bom: boolean;
  /** Parsed in pass 1 when the text may hold a Namespace; otherwise parsed in pass 2 and dropped after linting. */
  file?: ParsedFile;
}

/**
 * A cheap test for "this file may declare a Namespace" (block, flow or JSON style, also inside a
 * List). Only such files must be parsed before the others are linted; a false positive costs memory only.
 */
const mayHoldNamespace = /["']?\bkind["']?[ \t]*:[ \t]*["']?Namespace\b/;

export async function runCheck(request: CheckRequest): Promise<CheckResult> {
  const { inputs, errors: pathErrors } = await expandPaths(request.paths, request.cwd);
  const result: CheckResult = { findings: [], errors: [], skipped: [], filesChecked: 0, fixed: { files: 0, findings: 0 }, order: [], notes: [] };
  result.errors.push(...pathErrors.map((e: InputError) => ({ ...e, kind: 'io' as const })));
  result.order.push(...pathErrors.map((e) => e.file), ...inputs.map((i) => i.display));

  // Pass 1: read everything and parse the files that may declare Namespaces, so that the labels of
  // any file are known before any file is linted. Each file is still parsed exactly once, and the
  // others' syntax trees never have to be held in memory all at the same time.
  const loaded: Loaded[] = [];
  const namespaceResources: Resource[] = [];
  // The paths given are the workspace: workspace-scope rules (network policies) see every input's facts.
  const workspace = new WorkspaceIndex();
  const needFacts = request.rules.some((r) => r.meta.scope === 'workspace' && ruleSeverity(r, request.config) !== undefined);
  const keyOf = (input: Input) => input.absolute ?? input.display;
  for (const input of inputs) {
    const read = await readInput(input);
    if ('error' in read) {
      result.errors.push({ file: input.display, message: read.error, kind: 'io' });
      continue;
    }
    if ('skipped' in read) {
      result.skipped.push({ file: input.display, reason: read.skipped });
      continue;
    }
    const entry: Loaded = { input, text: read.text, bom: read.bom };
    if (mayHoldNamespace.test(read.text)) {
      entry.file = parseManifest(read.text);
      namespaceResources.push(...resourcesOf(entry.file).filter((r) => r.kind === 'Namespace'));
    }
    if (needFacts) {
      // Only the documents of relevant kinds are parsed here (not CRDs or ConfigMaps), and parsed
      // again in pass 2: keeping every syntax tree until then would cost far more memory.
      const file = entry.file;
      if (file) {
        if (!file.skipped) workspace.set(keyOf(input), factsOf(keyOf(input), resourcesOf(file), file.lines));
      } else {
        workspace.set(keyOf(input), factsOfText(keyOf(input), read.text));
      }
    }
    loaded.push(entry);
  }
  const namespaces = namespacePolicies(namespaceResources);
  const options = {
    config: request.config,
    rules: request.rules,
    namespaces,
    onRuleError: (ruleId: string, error: unknown) => {
      result.notes.push(`rule ${ruleId} failed and was skipped: ${errorMessage(error)}`);
    },
  };

  // Pass 2: lint each file once; fix only where a safe fix exists.
  for (const entry of loaded) {
    const { input, bom } = entry;
    const file = entry.file ?? parseManifest(entry.text);
    entry.file = undefined;
    entry.text = '';
    if (file.skipped) {
      result.skipped.push({ file: input.display, reason: file.skipped });
      continue;
    }
    result.filesChecked++;
    const syntax = file.problems.filter((p) => p.code === 'yaml-syntax');
    for (const problem of syntax) {
      const position = positionOf(file.lines, problem.offset, problem.length);
      result.errors.push({
        file: input.display,
        message: `line ${position.line}, column ${position.column}: ${problem.message}`,
        position,
        kind: 'syntax',
      });
    }
    const fileOptions = needFacts ? { ...options, workspace: workspace.view(workspace.get(keyOf(input)) ?? factsOf(keyOf(input), resourcesOf(file), file.lines)) } : options;
    let findings = lint(file, fileOptions).findings;
    let lines = file.lines;

    if (request.fix && findings.some((f) => f.fix)) {
      if (input.absolute === undefined) {
        result.notes.push('--fix does not change standard input; its findings are reported as they are.');
      } else if (syntax.length > 0) {
        // A half-parsed file is left alone: fixing around a syntax error could make it worse.
        result.notes.push(`${input.display}: not fixed because it has YAML syntax errors.`);
      } else {
        const fixed = fixAll(file.text, fileOptions);
        const reparsed = fixed.text === file.text ? file : parseManifest(fixed.text);
        if (reparsed.problems.some((p) => p.code === 'yaml-syntax')) {
          result.notes.push(`${input.display}: not fixed because the fixed text would not parse; please report this.`);
        } else if (fixed.text !== file.text) {
          try {
            await fs.writeFile(input.absolute, (bom ? '\ufeff' : '') + fixed.text, 'utf8');
            result.fixed.files++;
            result.fixed.findings += Math.max(0, findings.length - fixed.remaining.length);
            findings = fixed.remaining;
            lines = reparsed.lines;
          } catch (error) {
            result.errors.push({ file: input.display, message: describeIoError(error).replace('cannot read', 'cannot write'), kind: 'io' });
          }
        }
      }
    }

    for (const finding of findings) {
      result.findings.push({ file: input.display, finding, ...positionOf(lines, finding.offset, finding.length) });
    }
  }
  return result;
}

/** 1-based line and column (UTF-16 code units), end exclusive as in SARIF. */
export function positionOf(lines: LineIndex, offset: number, length: number): Position {
  const start = lines.position(offset);
  const end = lines.position(offset + Math.max(0, length));
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}
