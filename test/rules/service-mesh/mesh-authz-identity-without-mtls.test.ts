import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, mergeConfig } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { ruleTester } from '../../helpers/rule-tester';
import { viewOf, workspaceOf } from '../../helpers/workspace';
import { authz, deployment, docs, peerAuth } from './fixtures';

const source = (action: string, field: string, selector = '  selector:\n    matchLabels:\n      app: web\n') =>
  authz(`  action: ${action}\n${selector}  rules:\n    - from:\n        - source:\n            ${field}: ["cluster.local/ns/shop/sa/api"]\n`);

ruleTester('mesh-authz-identity-without-mtls', {
  valid: [
    { name: 'STRICT mesh', code: docs(deployment(), peerAuth('istio-system', 'STRICT'), source('DENY', 'principals')) },
    { name: 'no PeerAuthentication in the workspace', code: docs(deployment(), source('DENY', 'principals')) },
    { name: 'the selected workload is not in the workspace', code: docs(deployment('api', 'shop', 'app: api'), peerAuth('istio-system', 'PERMISSIVE'), source('DENY', 'principals')) },
    {
      name: 'workload-level STRICT over namespace PERMISSIVE',
      code: docs(deployment(), peerAuth('shop', 'PERMISSIVE'), peerAuth('shop', 'STRICT', '  selector:\n    matchLabels:\n      app: web\n', 'w'), source('DENY', 'namespaces')),
    },
    { name: 'ipBlocks do not need mTLS', code: docs(deployment(), peerAuth('shop', 'PERMISSIVE'), source('DENY', 'ipBlocks')) },
  ],
  invalid: [
    {
      name: 'DENY on principals with a PERMISSIVE namespace',
      code: docs(deployment(), peerAuth('shop', 'PERMISSIVE'), source('DENY', 'principals')),
      errors: [{ messageId: 'bypassed', line: 38, column: 13, endColumn: 23 }],
      output: null,
    },
    {
      name: 'ALLOW on notNamespaces with mesh DISABLE, selector-less policy',
      code: docs(deployment(), peerAuth('istio-system', 'DISABLE'), source('ALLOW', 'notNamespaces', '')),
      errors: [{ messageId: 'bypassed', line: 35, column: 13 }],
      output: null,
    },
    {
      name: 'ALLOW on principals refuses plaintext',
      code: docs(deployment(), peerAuth('shop', 'PERMISSIVE'), source('ALLOW', 'principals')),
      errors: [{ messageId: 'refused', line: 38, column: 13 }],
      output: null,
    },
  ],
});

test('the workload, the PeerAuthentication and the policy in three files', () => {
  const files = { '/ws/app.yaml': deployment(), '/ws/mtls.yaml': peerAuth('shop', 'PERMISSIVE'), '/ws/authz.yaml': source('DENY', 'principals') };
  const model = workspaceOf(files);
  const text = files['/ws/authz.yaml'];
  const found = check(text, { config: mergeConfig(), rules, workspace: viewOf(model, '/ws/authz.yaml', text) }).findings.filter((f) => f.ruleId === 'mesh-authz-identity-without-mtls');
  assert.deepEqual(
    found.map((f) => f.message),
    ['principals of "p" cannot stop plaintext requests: "web" accepts them (mTLS PERMISSIVE)'],
  );
  model.set(workspaceOf({ '/ws/mtls.yaml': peerAuth('shop', 'STRICT') }).get('/ws/mtls.yaml')!);
  assert.equal(check(text, { config: mergeConfig(), rules, workspace: model.view('/ws/authz.yaml') }).findings.filter((f) => f.ruleId === 'mesh-authz-identity-without-mtls').length, 0);
});
