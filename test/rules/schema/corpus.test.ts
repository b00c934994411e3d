// The API version and pasted-character rules on real manifests: the corpus (argo-cd, istio,
// ingress-nginx, microservices-demo, kubernetes examples) uses only served, current API versions and
// plain ASCII where it matters, so at every target version from 1.16 on it gets no finding of them;
// the seed article's PodSecurityPolicy is deprecated from 1.21 and removed from 1.25, as in Kubernetes.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { check, lint, mergeConfig, parseManifest } from '../../../server/src/engine';
import { rules as catalog } from '../../../rules';

const corpus = resolve(__dirname, '../../../../shared/reference/corpus');
const ids = ['removed-api-version', 'deprecated-api-version', 'pasted-characters'];
const rules = catalog.filter((r) => ids.includes(r.id));
const versions = ['1.16', '1.21', '1.22', '1.25', '1.29', '1.33', '1.37'];

test('no finding on the corpus at any target version', { skip: existsSync(corpus) ? false : `${corpus} is not present` }, () => {
  const files = readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(files.length >= 10, `${files.length} corpus files`);
  const found: string[] = [];
  for (const name of files) {
    const file = parseManifest(readFileSync(join(corpus, name), 'utf8'));
    for (const kubernetesVersion of versions) {
      for (const f of lint(file, { config: mergeConfig({ kubernetesVersion }), rules }).findings) found.push(`${name} at ${kubernetesVersion}: ${f.ruleId} ${f.message}`);
    }
  }
  assert.deepEqual(found, []);
});

test("the seed article's PodSecurityPolicy: deprecated from 1.21, removed from 1.25", () => {
  const psp = "apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n name: restricted\nspec:\n privileged: false\n volumes:\n - 'configMap'\n";
  const at = (kubernetesVersion: string) => check(psp, { config: mergeConfig({ kubernetesVersion }), rules }).findings.map((f) => f.ruleId);
  assert.deepEqual(at('1.20'), []);
  assert.deepEqual(at('1.21'), ['deprecated-api-version']);
  assert.deepEqual(at('1.24'), ['deprecated-api-version']);
  assert.deepEqual(at('1.25'), ['removed-api-version']);
  assert.deepEqual(at('latest'), ['removed-api-version']);
});
