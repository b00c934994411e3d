// The incremental parse cache must be invisible: after any sequence of edits, the findings and syntax
// problems are exactly those of a fresh parse of the same text.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { lint, mergeConfig, parseManifest, ParseCache, ParsedFile, wholeFileParser } from '../../server/src/engine';
import { rules } from '../../rules';
import { manifest } from '../../bench/manifests';

const config = mergeConfig();
const summary = (file: ParsedFile) => ({
  findings: lint(file, { config, rules }).findings.map((f) => `${f.ruleId}@${f.offset}+${f.length} ${f.message}`),
  problems: file.problems.map((p) => `${p.code}@${p.offset}+${p.length}`),
});

/** A small deterministic pseudo-random generator, so failures reproduce. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

test('random edits: cached parses equal fresh ones', () => {
  const next = random(42);
  let text = manifest(400);
  const cache = new ParseCache();
  const pieces = ['1', ' ', '\n', '---\n', 'x: {', '#', '  privileged: true\n', '"', ''];
  for (let step = 0; step < 300; step++) {
    const at = Math.floor(next() * text.length);
    const remove = next() < 0.4 ? Math.floor(next() * 6) : 0;
    text = text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at + remove);
    assert.deepEqual(summary(parseManifest(text, undefined, cache)), summary(parseManifest(text)), `step ${step}`);
  }
});

test('the same document twice in a file gets nodes of its own', () => {
  const doc = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: x\n';
  const text = `${doc}---\n${doc}---\n${doc}`;
  const cache = new ParseCache();
  parseManifest(text, undefined, cache);
  assert.deepEqual(summary(parseManifest(`# moved\n${text}`, undefined, cache)), summary(parseManifest(`# moved\n${text}`)));
});

test('the corpus parses the same with the cache', () => {
  const corpus = resolve(__dirname, '../../../shared/reference/corpus');
  if (!existsSync(corpus)) return;
  for (const name of readdirSync(corpus).filter((f) => f.endsWith('.yaml') && !f.includes('argo-cd'))) {
    const text = readFileSync(join(corpus, name), 'utf8');
    const cache = new ParseCache();
    // Valid YAML parses the same document by document as in one go.
    assert.deepEqual(summary(parseManifest(text, undefined, cache)), summary(parseManifest(text, undefined, wholeFileParser)), name);
    const edited = text.replace('\n', '\n# edited\n');
    assert.deepEqual(summary(parseManifest(edited, undefined, cache)), summary(parseManifest(edited)), `${name} edited`);
  }
});
