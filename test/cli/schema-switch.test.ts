// The CLI reads the schema switch of .kube-harden.yaml, and --kubernetes-version sets the target of
// the API version rules as it does for Pod Security.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildOnce, cleanTemps, runJson, tempWorkspace, yaml } from './helpers';

const cronJob = yaml(
  'apiVersion: batch/v1beta1',
  'kind: CronJob',
  'metadata:',
  '  name: report',
  'spec:',
  '  schedule: "0 * * * *"',
  '  jobTemplate:',
  '    spec:',
  '      template:',
  '        spec:',
  '          restartPolicy: Never',
  '          containers:',
  '          - {name: report, image: report:1}',
);

before(buildOnce);
after(cleanTemps);

const schemaIds = (json: { findings: Array<{ ruleId: string; category: string }> }) => json.findings.filter((f) => f.category === 'schema').map((f) => f.ruleId);

test('--kubernetes-version picks deprecated or removed; schema: {enable: false} silences both', () => {
  const cwd = tempWorkspace({ 'cron.yaml': cronJob });
  assert.deepEqual(schemaIds(runJson(['--kubernetes-version', '1.21', 'cron.yaml'], { cwd }).json), ['deprecated-api-version']);
  assert.deepEqual(schemaIds(runJson(['--kubernetes-version', '1.25', 'cron.yaml'], { cwd }).json), ['removed-api-version']);
  assert.deepEqual(schemaIds(runJson(['--kubernetes-version', '1.20', 'cron.yaml'], { cwd }).json), []);
  const off = tempWorkspace({ 'cron.yaml': cronJob, '.kube-harden.yaml': yaml('schema:', '  enable: false') });
  const run = runJson(['--kubernetes-version', '1.25', 'cron.yaml'], { cwd: off });
  assert.deepEqual(schemaIds(run.json), []);
  assert.ok(run.json.findings.length > 0, 'the other families still report');
});

test('--fix migrates the CronJob to batch/v1 at 1.25', () => {
  const cwd = tempWorkspace({ 'cron.yaml': cronJob });
  runJson(['--kubernetes-version', '1.25', '--fix', 'cron.yaml'], { cwd });
  assert.deepEqual(schemaIds(runJson(['--kubernetes-version', '1.25', 'cron.yaml'], { cwd }).json), []);
});
