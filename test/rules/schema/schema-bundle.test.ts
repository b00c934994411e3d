// The schema bundle: the committed one is what scripts/gen-k8s-schemas.ts derives from the API
// definitions, it knows fields by version, and it loads within its budget.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { bundlePath, renderBundle, sourceDir } from '../../../scripts/gen-k8s-schemas';
import { apiVersionsOf, fieldAt, fieldVersions, isBuiltInGroup, kindSchema } from '../../../rules/schema/catalog';
import { schemaJson } from '../../../rules/schema/k8s-schemas';

test('the committed bundle is what npm run schemas derives from the definitions', { skip: !existsSync(sourceDir) && 'no ../shared/reference/kubernetes-schemas' }, () => {
  assert.equal(readFileSync(bundlePath, 'utf8'), renderBundle(), 'rules/schema/k8s-schemas.ts is stale: run npm run schemas');
  // The script's own --check, as CI or a developer runs it.
  const script = join(__dirname, '../../../scripts/gen-k8s-schemas.ts');
  const check = spawnSync(process.execPath, ['--import', 'tsx', script, '--check'], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
  assert.match(check.stdout, /is up to date/);
});

test('the bundle parses in under 50 ms', () => {
  const start = performance.now();
  JSON.parse(schemaJson);
  assert.ok(performance.now() - start < 50, `parsed in ${(performance.now() - start).toFixed(1)} ms`);
});

test('fields by version: appArmorProfile from 1.30, seccompProfile from 1.19, clusterName until 1.24', () => {
  assert.equal(fieldAt('core.v1.SecurityContext', 'appArmorProfile', 29), undefined);
  assert.equal(fieldAt('core.v1.SecurityContext', 'appArmorProfile', 30), '@core.v1.AppArmorProfile');
  assert.equal(fieldAt('core.v1.SecurityContext', 'appArmorProfile', 37), '@core.v1.AppArmorProfile', '1.37 reads as 1.36');
  assert.deepEqual(
    fieldVersions('core.v1.SecurityContext', 'seccompProfile').map((s) => [s.from, s.to]),
    [[19, 36]],
  );
  assert.deepEqual(
    fieldVersions('meta.v1.ObjectMeta', 'clusterName').map((s) => [s.from, s.to]),
    [[14, 24]],
  );
  assert.equal(fieldAt('core.v1.Container', 'name', 30), '!s', 'required fields are marked');
  assert.equal(fieldAt('core.v1.ResourceRequirements', 'limits', 30), '{Q');
  assert.equal(fieldAt('core.v1.ContainerPort', 'containerPort', 30), '!i');
});

test('kinds: served versions, the preferred apiVersion, custom groups', () => {
  assert.equal(kindSchema('apps/v1', 'Deployment', 37)?.def, 'apps.v1.Deployment');
  assert.equal(kindSchema('v1', 'Deployment', 37), undefined);
  assert.deepEqual(apiVersionsOf('Deployment', 37), ['apps/v1']);
  assert.deepEqual(apiVersionsOf('HorizontalPodAutoscaler', 30), ['autoscaling/v2', 'autoscaling/v1']);
  assert.equal(kindSchema('autoscaling/v2', 'HorizontalPodAutoscaler', 20)?.minor, 23, 'an API too new is read at its first version');
  assert.ok(isBuiltInGroup('v1') && isBuiltInGroup('networking.k8s.io/v1'));
  assert.ok(!isBuiltInGroup('networking.istio.io/v1'));
});
