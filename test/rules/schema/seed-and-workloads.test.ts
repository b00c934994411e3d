// The schema family on the seed article's webhook and on a workload under a wrong apiVersion: one
// precise finding per mistake, fixes that leave only content problems, and Pod Security still checked.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, fixAll, mergeConfig } from '../../../server/src/engine';
import { rules } from '../../../rules';

const config = mergeConfig();
const schema = rules.filter((r) => r.meta.category === 'schema');
const at = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

// The seed's webhook once its pasted characters are fixed (typographic quotes → ASCII, tab lines
// indented with spaces, as the text-hygiene rules do): its own mistakes remain.
const webhook = `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
 name: run-as-non-root
Webhooks:
- admissionReviewVersions:
  - v1
  name: run-as-non-root.example.com
  rules:
  - apiGroups: [""]
    apiVersions: ["v1"]
    operations: ["CREATE"]
    resources: ["pods"]
    failurePolicy: Fail
    clientConfig:
      service:
        name: run-as-non-root-webhook
        namespace: kube-system
        Path: "/mutate"
      caBundle: \${CA_BUNDLE}
  sideEffects: None
`;

test('the seed webhook: Webhooks and Path are fixed, the misplaced keys are named', () => {
  const { findings } = check(webhook, { config, rules: schema });
  assert.deepEqual(
    findings.map((f) => `${at(webhook, f.offset)} ${f.ruleId} ${f.message}${f.fix ? ' [fix]' : ''}`),
    [
      '5 schema-unknown-field "Webhooks" is not a field of MutatingWebhookConfiguration, which has "webhooks" [fix]',
      '6 schema-required-field MutatingWebhook is missing the required field "clientConfig"',
      '14 schema-unknown-field "failurePolicy" is not a field of RuleWithOperations but of MutatingWebhook: check its indentation',
      '15 schema-unknown-field "clientConfig" is not a field of RuleWithOperations but of MutatingWebhook: check its indentation',
      '19 schema-unknown-field "Path" is not a field of ServiceReference, which has "path" [fix]',
    ],
  );
  const fixed = fixAll(webhook, { config, rules: schema }).text;
  assert.equal(fixed, webhook.replace('Webhooks:', 'webhooks:').replace('Path:', 'path:'));
  // What remains is content: where failurePolicy and clientConfig belong.
  assert.deepEqual(
    check(fixed, { config, rules: schema }).findings.map((f) => f.messageId),
    ['missing', 'misplaced', 'misplaced'],
  );
});

test('a Deployment under apiVersion v1 is still a workload: Pod Security findings and the apiVersion fix', () => {
  const text =
    'apiVersion: v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n        - name: a\n          image: x\n          securityContext:\n            privileged: true\n';
  const { findings } = check(text, { config, rules });
  const ids = findings.map((f) => f.ruleId);
  assert.ok(ids.includes('privileged-container'), ids.join(', '));
  const api = findings.find((f) => f.ruleId === 'schema-kind-api-version')!;
  assert.equal(text.slice(api.offset, api.offset + api.length), 'v1');
  assert.equal(api.fix?.title, 'Change apiVersion to apps/v1');
  assert.ok(!findings.some((f) => f.ruleId.startsWith('schema-') && f.ruleId !== 'schema-kind-api-version'), 'its fields are checked as apps/v1 Deployment');
});

test('a workload kind of a custom group is neither a workload nor checked', () => {
  const text = 'apiVersion: apps.example.com/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  whatever: true\n';
  assert.deepEqual(check(text, { config, rules }).findings, []);
});

test('secret values never appear in schema messages', () => {
  const text = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: 12345678\ndata:\n  token: true\n';
  const findings = check(text, { config, rules: schema }).findings;
  assert.equal(findings.length, 2);
  for (const f of findings) assert.ok(!/12345678|true/.test(f.message), f.message);
});
