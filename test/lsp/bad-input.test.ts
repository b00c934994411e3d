// Protocol tests for input that must not hurt the server: malformed YAML, Helm templates, binary data,
// a 5 MB manifest, alias and merge-key bombs, self-merges, unknown aliases and absurd nesting each
// give a clear diagnostic or none within a timeout, and the server still answers a request afterwards.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, messageOf, TestClient, uniqueUri } from './client';

const privilegedPod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx
      securityContext:
        privileged: true
`;

function aliasBomb(): string {
  const names = 'abcdefghi';
  const lines = [`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i < names.length; i++)
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(',')}]`,
    );
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: bomb\n${lines
    .map((l) => `  ${l}`)
    .join('\n')
    .replace(/^ {2}a:/, '  a:')}\nspec:\n  containers:\n    - name: app\n      image: nginx\n      args: *i\n`;
}

for (const pull of [false, true]) {
  describe(`bad input (${pull ? 'pull' : 'push'} client)`, () => {
    let client: TestClient;
    before(async () => {
      ensureBuilt();
      client = await TestClient.start({ pull });
    });
    after(() => client.stop());

    /** Opens the text, returns its diagnostics, and proves the server still answers. */
    async function diagnose(name: string, text: string, timeout = 10_000): Promise<Diagnostic[]> {
      const uri = uniqueUri(name);
      await client.open(uri, text);
      const diagnostics = await client.diagnostics(uri, timeout);
      const answer = await client.request('kubeHarden/listRules');
      assert.ok(answer, 'the server still answers');
      assert.ok(client.alive);
      return diagnostics;
    }

    test('malformed YAML: a syntax error, and the other documents are still checked', async () => {
      const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  key: [unclosed\n---\n${privilegedPod}`;
      const diagnostics = await diagnose('malformed.yaml', text);
      const syntax = diagnostics.filter((d) => d.code === 'yaml-syntax');
      assert.ok(syntax.length > 0);
      assert.ok(syntax.every((d) => d.severity === 1 && d.range.start.line >= 5 && d.range.start.line <= 6));
      assert.ok(diagnostics.some((d) => d.code === 'privileged-container' && d.range.start.line === 16));
    });

    test('a Helm template gets one "not checked" note', async () => {
      const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "app.fullname" . }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n{{- if .Values.privileged }}\n          securityContext:\n            privileged: true\n{{- end }}\n`;
      const diagnostics = await diagnose('deployment.yaml', text);
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0].code, 'not-checked');
      assert.equal(diagnostics[0].severity, 3);
      assert.match(messageOf(diagnostics[0]), /Helm/);
      assert.equal(diagnostics[0].range.start.line, 9);
    });

    test('binary content gets one "not checked" note', async () => {
      const diagnostics = await diagnose('binary.yaml', `apiVersion: v1\nkind: Pod\n\u0000\u0001\u0002\u00ff garbage \u0000`);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.severity]),
        [['not-checked', 3]],
      );
      assert.match(messageOf(diagnostics[0]), /binary/);
    });

    test('a 5 MB manifest is not checked, quickly', async () => {
      const parts: string[] = [];
      let size = 0;
      for (let i = 0; size < 5 * 1024 * 1024; i++) {
        const part = privilegedPod.replace('name: web', `name: web-${i}`);
        parts.push(part);
        size += part.length + 4;
      }
      const start = Date.now();
      const diagnostics = await diagnose('huge.yaml', parts.join('---\n'));
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ['not-checked'],
      );
      assert.match(messageOf(diagnostics[0]), /larger than 3 MB/);
      assert.ok(Date.now() - start < 5000);
    });

    test('an alias bomb does not expand', async () => {
      const diagnostics = await diagnose('bomb.yaml', aliasBomb());
      // The Pod is still checked; the aliases are never expanded into plain data.
      assert.ok(
        diagnostics.some((d) => d.code === 'run-as-non-root'),
        JSON.stringify(diagnostics.map((d) => d.code)),
      );
    });

    test('a merge-key bomb of six levels is checked at once (it blocked the server for minutes)', async () => {
      const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: bomb', '  annotations:', '    m0: &m0 {x: y}'];
      for (let i = 1; i <= 6; i++)
        lines.push(
          `    m${i}: &m${i} {<<: [${Array(9)
            .fill(`*m${i - 1}`)
            .join(', ')}]}`,
        );
      lines.push('spec: {<<: *m6, containers: [{name: app, image: nginx, securityContext: {privileged: true}}]}');
      const diagnostics = await diagnose('merge-bomb.yaml', lines.join('\n') + '\n', 15_000);
      assert.ok(diagnostics.some((d) => d.code === 'privileged-container' && d.range.start.line === 12));
    });

    test('50,000 plain aliases: each version is checked in linear time (quadratic, 20,000 took 4.4 s)', async () => {
      const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: many', '  labels: &l {a: b}', 'data:'];
      for (let i = 0; i < 50_000; i++) lines.push(`  k${i}: *l`);
      const started = Date.now();
      const diagnostics = await diagnose('many-aliases.yaml', lines.join('\n') + '\n', 20_000);
      // ConfigMap data values must be strings: the schema reports the first aliases of a mapping, not all 50,000.
      assert.ok(diagnostics.length <= 200, `${diagnostics.length} diagnostics`);
      assert.ok(diagnostics.every((d) => d.code === 'schema-wrong-type'));
      assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
    });

    test('a spec that merges itself is checked: privileged is reported and no rule fails', async () => {
      const text = privilegedPod.replace('spec:\n', 'spec: &s\n  <<: *s\n');
      const diagnostics = await diagnose('self-merge.yaml', text);
      assert.ok(diagnostics.some((d) => d.code === 'privileged-container'));
      assert.ok(diagnostics.every((d) => d.code !== 'internal-error'));
    });

    test('an alias without an anchor is a syntax error at the alias', async () => {
      const diagnostics = await diagnose('undefined-alias.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: u\ndata:\n  value: *undefinedAnchor\n');
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character, messageOf(d)]),
        [['yaml-syntax', 1, 5, 9, 25, 'Unknown alias: no anchor of that name precedes it']],
      );
    });

    test('10,000-deep nesting is reported as not checked', async () => {
      for (const nested of ['['.repeat(10_000) + ']'.repeat(10_000), '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000)]) {
        const diagnostics = await diagnose('deep.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: deep\nspec: ${nested}\n`);
        assert.ok(diagnostics.length <= 2, `${diagnostics.length} diagnostics`);
        assert.ok(diagnostics.every((d) => d.code === 'not-checked' || d.code === 'yaml-syntax'));
        assert.ok(
          diagnostics.every((d) => !/call stack/i.test(messageOf(d))),
          'a readable message',
        );
      }
      const block = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: deep\nspec:\n  x: ${'- '.repeat(10_000)}x\n`;
      const diagnostics = await diagnose('deep-block.yaml', block);
      assert.ok(diagnostics.every((d) => d.code === 'not-checked' || d.code === 'yaml-syntax'));
    });

    test('garbage that is not YAML at all', async () => {
      const diagnostics = await diagnose('garbage.yaml', '\t\t}}}: : - [ ] ]] \u2028 \ud800 %%%\n--- !!binary\n... ...\n');
      assert.ok(diagnostics.length <= 5);
    });
  });
}
