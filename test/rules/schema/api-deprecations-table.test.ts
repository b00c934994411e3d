// The committed API deprecation table is the generator's output from the shared reference (Pluto's
// list and the API definitions), and the generator reads them as the rules need.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildTable, reference, renderTable, tablePath } from '../../../scripts/gen-api-deprecations';

const missing = existsSync(join(reference, 'api-deprecations/versions.yaml')) ? false : `${reference} is not present`;

test('rules/schema/api-deprecations.ts is up to date (tsx scripts/gen-api-deprecations.ts --check)', { skip: missing }, () => {
  const rows = buildTable();
  assert.ok(readFileSync(tablePath, 'utf8') === renderTable(rows), 'stale: run tsx scripts/gen-api-deprecations.ts and commit the result');

  const row = (apiVersion: string, kind: string) => rows.find((r) => r.apiVersion === apiVersion && r.kind === kind);
  assert.deepEqual(row('policy/v1beta1', 'PodSecurityPolicy'), {
    apiVersion: 'policy/v1beta1',
    kind: 'PodSecurityPolicy',
    deprecated: 21,
    removed: 25,
    replacement: null,
    replacementSince: null,
    dropped: null,
    required: [],
  });
  // Pluto says 1.29; the definitions stop listing it in 1.26, as the Kubernetes migration guide says.
  assert.equal(row('flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema')?.removed, 26);
  assert.deepEqual(row('extensions/v1beta1', 'Deployment')?.required, ['spec.selector']);
  assert.deepEqual(row('extensions/v1beta1', 'Deployment')?.dropped, ['spec.rollbackTo']);
  assert.deepEqual(row('networking.k8s.io/v1beta1', 'Ingress')?.dropped, ['spec.backend', 'spec.rules[].http.paths[].backend.serviceName', 'spec.rules[].http.paths[].backend.servicePort']);
  // Pluto leaves autoscaling/v2's availability out for v2beta2; the definitions give 1.23.
  assert.equal(row('autoscaling/v2beta2', 'HorizontalPodAutoscaler')?.replacementSince, 23);
  assert.equal(row('batch/v1beta1', 'CronJob')?.dropped?.length, 0);
  // Istio's and cert-manager's versions are not Kubernetes versions; list wrappers are not manifests.
  assert.ok(rows.every((r) => !/istio|cert-manager/.test(r.apiVersion) && !r.kind.endsWith('List')));
});
