// The effective mTLS mode of a workload with Istio's precedence, in one file (the rule table) and
// across files of the workspace (mesh, namespace, workload and port-level policies in other files).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, mergeConfig } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { workloads } from '../../../rules/network/facts';
import { workloadMtls } from '../../../rules/service-mesh/mtls';
import { ruleTester } from '../../helpers/rule-tester';
import { viewOf, workspaceOf } from '../../helpers/workspace';
import { deployment, docs, peerAuth } from './fixtures';

const web = deployment();
const selector = (app = 'web') => `  selector:\n    matchLabels:\n      app: ${app}\n`;

ruleTester('mesh-workload-mtls-not-strict', {
  valid: [
    { name: 'no PeerAuthentication in the workspace: mTLS is not configured here', code: web },
    { name: 'mesh-wide STRICT', code: docs(web, peerAuth('istio-system', 'STRICT')) },
    { name: 'namespace STRICT over mesh PERMISSIVE', code: docs(web, peerAuth('istio-system', 'PERMISSIVE'), peerAuth('shop', 'STRICT', '', 'ns')) },
    { name: 'workload STRICT over namespace DISABLE', code: docs(web, peerAuth('shop', 'DISABLE'), peerAuth('shop', 'STRICT', selector(), 'w')) },
    { name: 'workload UNSET inherits namespace STRICT', code: docs(web, peerAuth('shop', 'STRICT'), peerAuth('shop', 'UNSET', selector(), 'w')) },
    { name: 'namespace UNSET inherits mesh STRICT', code: docs(web, peerAuth('istio-system', 'STRICT'), peerAuth('shop', null, '', 'ns')) },
    { name: 'a namespace policy of another namespace does not apply', code: docs(deployment('web', 'other'), peerAuth('istio-system', 'STRICT'), peerAuth('shop', 'DISABLE', '', 'ns')) },
    { name: 'two workload policies that disagree: Istio takes the oldest, unknown here', code: docs(web, peerAuth('shop', 'STRICT', selector(), 'a'), peerAuth('shop', 'DISABLE', selector(), 'b')) },
    { name: 'templated labels', code: docs(deployment('web', 'shop', 'app: "{{ .Values.app }}"'), peerAuth('shop', 'DISABLE', selector(), 'w')) },
    { name: 'a policy in a templated namespace may be any', code: docs(web, peerAuth('"{{ .Release.Namespace }}"', 'STRICT')) },
  ],
  invalid: [
    {
      name: 'a PeerAuthentication elsewhere, none for this workload: Istio defaults to PERMISSIVE',
      code: docs(web, peerAuth('other', 'STRICT')),
      errors: [{ messageId: 'notStrict', line: 4, column: 9, endColumn: 12 }],
      output: null,
      suggestions: true,
    },
    { name: 'mesh-wide PERMISSIVE', code: docs(web, peerAuth('istio-system', 'PERMISSIVE')), errors: [{ messageId: 'notStrict', line: 4, column: 9 }], output: null, suggestions: true },
    {
      name: 'namespace DISABLE over mesh STRICT',
      code: docs(web, peerAuth('istio-system', 'STRICT'), peerAuth('shop', 'DISABLE', '', 'ns')),
      errors: [{ messageId: 'notStrict', line: 4, column: 9 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'workload PERMISSIVE over namespace STRICT; another workload keeps STRICT',
      code: docs(web, deployment('api'), peerAuth('shop', 'STRICT'), peerAuth('shop', 'PERMISSIVE', selector(), 'w')),
      errors: [{ messageId: 'notStrict', line: 4, column: 9 }],
      output: null,
    },
    { name: 'mesh UNSET is PERMISSIVE', code: docs(web, peerAuth('istio-system', null)), errors: [{ messageId: 'notStrict', line: 4, column: 9 }], output: null, suggestions: true },
  ],
});

const config = mergeConfig();
const findingsOf = (files: Record<string, string>, file: string) => {
  const model = workspaceOf(files);
  return check(files[file], { config, rules, workspace: viewOf(model, file, files[file]) }).findings.filter((f) => f.ruleId === 'mesh-workload-mtls-not-strict');
};

describe('mTLS precedence across files', () => {
  const cases: Array<[string, Record<string, string>, string | undefined]> = [
    ['mesh STRICT in another file', { '/ws/mesh.yaml': peerAuth('istio-system', 'STRICT') }, 'STRICT'],
    ['namespace PERMISSIVE in a third file over mesh STRICT', { '/ws/mesh.yaml': peerAuth('istio-system', 'STRICT'), '/ws/ns.yaml': peerAuth('shop', 'PERMISSIVE') }, 'PERMISSIVE'],
    [
      'workload STRICT over namespace PERMISSIVE, three files',
      { '/ws/mesh.yaml': peerAuth('istio-system', 'DISABLE'), '/ws/ns.yaml': peerAuth('shop', 'PERMISSIVE'), '/ws/w.yaml': peerAuth('shop', 'STRICT', selector(), 'w') },
      'STRICT',
    ],
    [
      'workload UNSET and namespace UNSET inherit mesh DISABLE',
      { '/ws/mesh.yaml': peerAuth('istio-system', 'DISABLE'), '/ws/ns.yaml': peerAuth('shop', 'UNSET'), '/ws/w.yaml': peerAuth('shop', 'UNSET', selector(), 'w') },
      'DISABLE',
    ],
    ['a selector for other pods does not apply', { '/ws/ns.yaml': peerAuth('shop', 'STRICT'), '/ws/w.yaml': peerAuth('shop', 'DISABLE', selector('api'), 'w') }, 'STRICT'],
    ['a selector-less policy in istio-system is mesh-wide', { '/ws/mesh.yaml': peerAuth('istio-system', 'STRICT') }, 'STRICT'],
    [
      'a selector in istio-system matches workloads of every namespace',
      { '/ws/mesh.yaml': peerAuth('istio-system', 'STRICT'), '/ws/gw.yaml': peerAuth('istio-system', 'DISABLE', selector(), 'gw') },
      'DISABLE',
    ],
    [
      'a selector in istio-system for other pods does not apply',
      { '/ws/mesh.yaml': peerAuth('istio-system', 'STRICT'), '/ws/gw.yaml': peerAuth('istio-system', 'DISABLE', selector('gateway'), 'gw') },
      'STRICT',
    ],
  ];
  for (const [name, files, expected] of cases) {
    test(name, () => {
      const all = { ...files, '/ws/app.yaml': web };
      const model = workspaceOf(all);
      const view = viewOf(model, '/ws/app.yaml', web);
      const [fact] = view.facts(workloads).filter((w) => w.at.file === '/ws/app.yaml');
      assert.equal(workloadMtls(view, fact)?.mode, expected);
      assert.equal(findingsOf(all, '/ws/app.yaml').length, expected === 'STRICT' ? 0 : 1);
    });
  }

  test('port-level modes come from the workload-level policy only', () => {
    const files = {
      '/ws/ns.yaml': peerAuth('shop', 'STRICT', '  portLevelMtls:\n    80:\n      mode: DISABLE\n'),
      '/ws/w.yaml': peerAuth('shop', 'UNSET', `${selector()}  portLevelMtls:\n    8080:\n      mode: PERMISSIVE\n    9090:\n      mode: UNSET\n`, 'w'),
      '/ws/app.yaml': web,
    };
    const view = viewOf(workspaceOf(files), '/ws/app.yaml', web);
    const [fact] = view.facts(workloads).filter((w) => w.at.file === '/ws/app.yaml');
    const mtls = workloadMtls(view, fact)!;
    assert.deepEqual([mtls.mode, mtls.level, mtls.ports, mtls.workloadPolicy?.name], ['STRICT', 'namespace', [{ port: '8080', mode: 'PERMISSIVE' }], 'w']);
    assert.equal(workloadMtls(view, fact)!.source!.at.file, '/ws/ns.yaml');
  });

  test('the suggestion for the mesh-wide policy creates a new file only when no mesh-wide policy exists', () => {
    const titles = (files: Record<string, string>) => findingsOf({ ...files, '/ws/app.yaml': web }, '/ws/app.yaml').flatMap((f) => f.suggestions.map((s) => s.title));
    assert.deepEqual(titles({ '/ws/other.yaml': peerAuth('other', 'STRICT') }), [
      'Add a STRICT PeerAuthentication for web (assumes every client of web runs in the mesh with a sidecar)',
      "Add a mesh-wide STRICT PeerAuthentication in istio-system, in a new file peer-authentication-mesh-strict.yaml (assumes every workload's clients run in the mesh)",
    ]);
    assert.deepEqual(titles({ '/ws/mesh.yaml': peerAuth('istio-system', 'PERMISSIVE') }), ['Add a STRICT PeerAuthentication for web (assumes every client of web runs in the mesh with a sidecar)']);
    // A workload-level policy (UNSET here) selects it already: a second one would only conflict with it.
    assert.deepEqual(titles({ '/ws/mesh.yaml': peerAuth('istio-system', 'PERMISSIVE'), '/ws/w.yaml': peerAuth('shop', 'UNSET', selector(), 'w') }), []);
  });
});
