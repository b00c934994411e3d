// Each document is parsed on its own: for valid YAML that must give exactly what parsing the whole
// file gives, and for broken YAML it keeps one broken document from swallowing the next.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { lint, mergeConfig, parseManifest, ParsedFile, parseWhole } from '../../server/src/engine';
import { rules } from '../../rules';
import { manifest } from '../../bench/manifests';

const config = mergeConfig();
const summary = (file: ParsedFile) => ({
  findings: lint(file, { config, rules }).findings.map((f) => `${f.ruleId}@${f.offset}+${f.length} ${f.message}`),
  problems: file.problems.map((p) => `${p.code}@${p.offset}+${p.length}`),
});

test('valid YAML parses the same document by document as in one go', () => {
  const corpus = resolve(__dirname, '../../../shared/reference/corpus');
  const texts = [manifest(400), '# leading comment\n---\na: 1\n---\n---\nb: [1, 2]\n'];
  if (existsSync(corpus)) for (const name of readdirSync(corpus).filter((f) => f.endsWith('.yaml') && !f.includes('argo-cd'))) texts.push(readFileSync(join(corpus, name), 'utf8'));
  for (const text of texts) assert.deepEqual(summary(parseManifest(text)), summary(parseManifest(text, undefined, parseWhole)));
});

test('a broken document does not swallow the next one', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: x\n    securityContext: {privileged: true}\n';
  const text = `a: {unclosed: [1, 2\n---\n${pod}`;
  const findings = lint(parseManifest(text), { config, rules }).findings;
  assert.ok(findings.some((f) => f.ruleId === 'privileged-container'));
});
