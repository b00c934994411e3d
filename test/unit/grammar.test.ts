// Tests the TextMate injection grammar of syntaxes/: it is valid JSON, contributed by package.json,
// written in the part of Oniguruma that JavaScript reads alike, and it scopes suppression comments and
// annotation keys as intended. A small interpreter runs its rules (match, begin/end, captures, includes)
// over sample lines with JavaScript's RegExp, the way vscode-textmate runs them with Oniguruma.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rules } from '../../rules';

const root = resolve(__dirname, '../..');
const grammarPath = 'syntaxes/kube-harden.injection.tmLanguage.json';

interface Capture {
  name?: string;
}
interface Rule {
  include?: string;
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  captures?: Record<string, Capture>;
  beginCaptures?: Record<string, Capture>;
  endCaptures?: Record<string, Capture>;
  patterns?: Rule[];
}
interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
}

const grammar: Grammar = JSON.parse(readFileSync(join(root, grammarPath), 'utf8'));

/** Every regex source of the grammar, with where it stands. */
function regexes(): Array<{ where: string; source: string }> {
  const out: Array<{ where: string; source: string }> = [];
  const visit = (rule: Rule, where: string) => {
    for (const key of ['match', 'begin', 'end'] as const) if (rule[key] !== undefined) out.push({ where: `${where}.${key}`, source: rule[key]! });
    rule.patterns?.forEach((child, i) => visit(child, `${where}.patterns[${i}]`));
  };
  grammar.patterns.forEach((rule, i) => visit(rule, `patterns[${i}]`));
  for (const [name, rule] of Object.entries(grammar.repository)) visit(rule, `repository.${name}`);
  return out;
}

// Oniguruma treats ^ and $ as line anchors, hence the `m` flag; `d` gives capture offsets.
const compile = (source: string) => new RegExp(source, 'dgm');

interface Token {
  text: string;
  scopes: string[];
}

function resolveRule(rule: Rule): Rule {
  if (!rule.include) return rule;
  assert.ok(rule.include.startsWith('#'), `only local includes are supported: ${rule.include}`);
  const target = grammar.repository[rule.include.slice(1)];
  assert.ok(target, `include ${rule.include} names no repository entry`);
  return resolveRule(target);
}

/** Emits the tokens of one match: its captured groups with their scopes, the rest with `scopes`. */
function emitMatch(match: RegExpExecArray, captures: Record<string, Capture> | undefined, scopes: string[], out: Token[]): void {
  const [start, end] = match.indices![0];
  const whole = captures?.['0']?.name ? [...scopes, captures['0'].name] : scopes;
  let at = start;
  for (let group = 1; group < match.length; group++) {
    const span = match.indices![group];
    const name = captures?.[String(group)]?.name;
    if (!span || !name || span[0] === span[1]) continue;
    if (span[0] > at) out.push({ text: match.input.slice(at, span[0]), scopes: whole });
    out.push({ text: match.input.slice(span[0], span[1]), scopes: [...whole, name] });
    at = span[1];
  }
  if (end > at) out.push({ text: match.input.slice(at, end), scopes: whole });
}

/**
 * Scans `line` from `from` to `to` with `patterns` (TextMate semantics: the leftmost match wins, ties
 * go to the earlier pattern, a begin/end rule's end is tried first). Returns where it stopped.
 */
function scan(line: string, from: number, to: number, patterns: Rule[], scopes: string[], out: Token[], end?: RegExp): number {
  let at = from;
  let plainFrom = from;
  const flushPlain = (until: number) => {
    if (until > plainFrom) out.push({ text: line.slice(plainFrom, until), scopes });
  };
  while (at <= to) {
    let best: { rule: Rule | undefined; match: RegExpExecArray } | undefined;
    const consider = (rule: Rule | undefined, regex: RegExp) => {
      regex.lastIndex = at;
      const match = regex.exec(line);
      if (match && match.index <= to && (!best || match.index < best.match.index)) best = { rule, match };
    };
    if (end) consider(undefined, end);
    for (const pattern of patterns.map(resolveRule)) consider(pattern, compile(pattern.match ?? pattern.begin!));
    if (!best) break;
    const { rule, match } = best;
    flushPlain(match.index);
    if (!rule) return match.index; // The enclosing rule ends here; its end match is the caller's.
    const ruleScopes = rule.name ? [...scopes, rule.name] : scopes;
    if (rule.match !== undefined) {
      emitMatch(match, rule.captures, ruleScopes, out);
      at = match.index + match[0].length;
    } else {
      emitMatch(match, rule.beginCaptures ?? rule.captures, ruleScopes, out);
      const inner = scan(line, match.index + match[0].length, to, rule.patterns ?? [], ruleScopes, out, compile(rule.end!));
      const endRegex = compile(rule.end!);
      endRegex.lastIndex = inner;
      const endMatch = endRegex.exec(line);
      if (endMatch && endMatch.index === inner) {
        emitMatch(endMatch, rule.endCaptures ?? rule.captures, ruleScopes, out);
        at = inner + endMatch[0].length;
      } else at = inner;
    }
    if (match[0].length === 0 && at === match.index) at++; // Never loop on an empty match.
    plainFrom = at;
  }
  flushPlain(Math.min(to, line.length));
  return Math.min(to, line.length);
}

/** Tokens the injection yields inside `region` of `line`, the part the YAML grammar gave a comment or key scope. */
function tokenize(line: string, region: string): Token[] {
  const start = line.indexOf(region);
  assert.ok(start >= 0, `"${region}" is not in "${line}"`);
  const out: Token[] = [];
  scan(line, start, start + region.length, grammar.patterns, [], out);
  return out.filter((t) => t.text.length > 0);
}

const comment = (line: string) => tokenize(line, line.slice(line.indexOf('#') + 1));
const scoped = (tokens: Token[], scope: string) => tokens.filter((t) => t.scopes.includes(scope)).map((t) => t.text.trim());

const directive = 'keyword.control.directive.kube-harden';
const ruleId = 'entity.name.tag.rule-id.kube-harden';

test('the grammar is valid JSON with its scope name and an injection selector for YAML comments and keys', () => {
  assert.equal(grammar.scopeName, 'kube-harden.injection');
  const selectors = grammar.injectionSelector.split(',').map((s) => s.trim());
  assert.ok(selectors.includes('L:comment.line.number-sign.yaml'));
  assert.ok(selectors.includes('L:entity.name.tag.yaml'));
  for (const rule of grammar.patterns) resolveRule(rule);
});

test('package.json contributes the grammar, injected into source.yaml', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const entry = manifest.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
  assert.ok(entry, 'no contributes.grammars entry for kube-harden.injection');
  assert.deepEqual(entry.injectTo, ['source.yaml']);
  assert.ok(existsSync(join(root, entry.path)), `${entry.path} does not exist`);
  assert.equal(resolve(root, entry.path), join(root, grammarPath));
  assert.equal(entry.language, undefined, 'an injection grammar must not claim a language');
});

test('every regex compiles in JavaScript and avoids Oniguruma-only syntax', () => {
  const onigurumaOnly: Array<[RegExp, string]> = [
    [/\\[GAzZhH]/, 'Oniguruma anchor or class (\\G, \\A, \\z, \\h)'],
    [/\(\?>/, 'atomic group'],
    [/[*+?}]\+/, 'possessive quantifier'],
    [/\(\?[imx-]+[:)]/, 'inline option'],
    [/\\x\{/, '\\x{…} escape'],
    [/\\p\{/, 'Unicode property (needs the u flag in JavaScript)'],
    [/\[\[|&&/, 'nested class or class intersection'],
  ];
  const all = regexes();
  assert.ok(all.length >= 4);
  for (const { where, source } of all) {
    assert.doesNotThrow(() => compile(source), `${where} does not compile: ${source}`);
    for (const [pattern, what] of onigurumaOnly) assert.doesNotMatch(source, pattern, `${where} uses ${what}`);
    // Oniguruma accepts only fixed-length look-behinds.
    for (const body of source.match(/\(\?<[=!](?:[^()\\]|\\.)*\)/g) ?? []) {
      assert.doesNotMatch(
        body
          .slice(4, -1)
          .replace(/\\./g, 'x')
          .replace(/\[[^\]]*\]/g, 'x'),
        /[*+?{]/,
        `${where}: variable-length look-behind ${body}`,
      );
    }
  }
});

test('a suppression comment: the directive and each rule id', () => {
  const tokens = comment('# kube-harden-ignore host-path-volumes, run-as-user  restricted-volume-types');
  assert.deepEqual(scoped(tokens, directive), ['kube-harden-ignore']);
  assert.deepEqual(scoped(tokens, ruleId), ['host-path-volumes', 'run-as-user', 'restricted-volume-types']);
  assert.deepEqual(scoped(tokens, 'punctuation.separator.rule-id.kube-harden'), [',']);
  for (const token of tokens) assert.ok(token.scopes.includes('meta.directive.ignore.kube-harden'), `"${token.text}" outside the directive`);
});

test('indented and tight comments are recognised; the ids stop where the engine stops reading them', () => {
  assert.deepEqual(scoped(comment('      #kube-harden-ignore host-ports'), ruleId), ['host-ports']);
  // The engine reads ids up to the first character that cannot be part of the list.
  const withReason = comment('    # kube-harden-ignore host-network: the CNI agent needs it');
  assert.deepEqual(scoped(withReason, ruleId), ['host-network']);
  assert.ok(withReason.some((t) => t.text.includes('the CNI agent') && t.scopes.length === 0));
  assert.deepEqual(scoped(comment('# kube-harden-ignore'), directive), ['kube-harden-ignore']);
});

test('other comments get no kube-harden scopes', () => {
  for (const line of ['# an ordinary comment', '# kube-harden-ignored host-ports', '# see kube-harden-ignore host-ports', '# xkube-harden-ignore host-ports']) {
    const tokens = comment(line);
    assert.deepEqual(scoped(tokens, directive), [], line);
    assert.deepEqual(scoped(tokens, ruleId), [], line);
  }
});

test('annotation keys: plain and quoted', () => {
  for (const [line, key] of [
    ['    ignore.kube-harden.io/host-path-volumes: "node-exporter reads /proc"', 'ignore.kube-harden.io/host-path-volumes'],
    ['    "ignore.kube-harden.io/run-as-user": legacy image', 'ignore.kube-harden.io/run-as-user'],
    ["  'ignore.kube-harden.io/host-ports': x", 'ignore.kube-harden.io/host-ports'],
  ]) {
    const tokens = tokenize(line, key);
    assert.deepEqual(scoped(tokens, directive), ['ignore.kube-harden.io'], line);
    assert.deepEqual(scoped(tokens, 'punctuation.separator.kube-harden'), ['/'], line);
    assert.deepEqual(scoped(tokens, ruleId), [key.split('/')[1]], line);
  }
});

test('keys that only contain the prefix are left alone', () => {
  for (const [line, key] of [
    ['    example.ignore.kube-harden.io/host-ports: x', 'example.ignore.kube-harden.io/host-ports'],
    ['    notignore.kube-harden.io/host-ports: x', 'notignore.kube-harden.io/host-ports'],
    ['    ignore.kube-harden.iox/host-ports: x', 'ignore.kube-harden.iox/host-ports'],
  ]) {
    assert.deepEqual(scoped(tokenize(line, key), ruleId), [], line);
  }
});

test('every rule id of the catalog is highlighted whole, in a comment and in a key', () => {
  for (const { id } of rules) {
    assert.deepEqual(scoped(comment(`# kube-harden-ignore ${id}`), ruleId), [id]);
    const key = `ignore.kube-harden.io/${id}`;
    assert.deepEqual(scoped(tokenize(`  ${key}: reason`, key), ruleId), [id]);
  }
});
