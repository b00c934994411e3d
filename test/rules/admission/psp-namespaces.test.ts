// Where the migration writes its labels: the namespaces the policy's RBAC bindings reach (a
// RoleBinding its own namespace, a ClusterRoleBinding its subjects' namespaces), on their Namespace
// manifests in this file or another, or new manifests; and the level each policy maps to.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { applyEdits, check, mergeConfig, parseManifest } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { beyondLevel } from '../../../rules/admission/psp-beyond';
import { analysePsp } from '../../../rules/admission/psp-level';
import { withFileChanges } from '../../../server/src/lsp/workspace-edit';
import { viewOf, workspaceOf } from '../../helpers/workspace';

const policy = `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: apps
spec:
  privileged: false
  allowPrivilegeEscalation: false
  requiredDropCapabilities: [ALL]
  volumes: [configMap, secret]
  runAsUser: {rule: MustRunAsNonRoot}
  seLinux: {rule: RunAsAny}
  supplementalGroups: {rule: RunAsAny}
  fsGroup: {rule: RunAsAny}
`;
const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: psp-apps}
rules:
- apiGroups: [policy]
  resources: [podsecuritypolicies]
  resourceNames: [apps]
  verbs: [use]
`;
const roleBinding = (ns: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: psp, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: psp-apps}
subjects: [{kind: Group, name: "system:serviceaccounts:${ns}"}]
`;
const clusterBinding = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: psp-web}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: psp-apps}
subjects: [{kind: ServiceAccount, name: default, namespace: web}]
`;
const namespace = (name: string, labels = '') => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${labels}`;

function suggestionIn(files: Record<string, string>, file: string) {
  const model = workspaceOf(files);
  const text = files[file];
  const finding = check(text, { config: mergeConfig({ kubernetesVersion: '1.30' }), rules, workspace: viewOf(model, file, text) }).findings.find((f) => f.ruleId === 'pod-security-policy-migration');
  assert.ok(finding);
  const suggestion = finding.suggestions[0];
  const parsed = parseManifest(text);
  return { title: suggestion.title, out: applyEdits(text, suggestion.apply(parsed)), files: suggestion.files?.(parsed) ?? [] };
}

const labelsOf = (text: string, name: string) =>
  parseAllDocuments(text)
    .map((d) => d.toJS())
    .find((d) => d?.kind === 'Namespace' && d.metadata.name === name)?.metadata.labels;
const expected = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'v1.30',
  'pod-security.kubernetes.io/warn': 'restricted',
  'pod-security.kubernetes.io/audit': 'restricted',
};

describe('the namespaces a policy governed', () => {
  test('labels on a Namespace manifest of another file, and a new one for a namespace without', () => {
    const nsFile = `${namespace('shop', '  labels:\n    team: shop\n')}---\n${namespace('other')}`;
    const files = { '/w/psp.yaml': `${policy}---\n${role}`, '/w/rbac/bindings.yaml': `${roleBinding('shop')}---\n${clusterBinding}`, '/w/ns/namespaces.yaml': nsFile };
    const { title, out, files: changes } = suggestionIn(files, '/w/psp.yaml');
    assert.equal(title, 'Migrate to Pod Security Admission: restricted on shop, web, assumes pods set what it defaulted');
    assert.deepEqual(labelsOf(out, 'web'), expected);
    assert.equal(labelsOf(out, 'shop'), undefined);
    assert.deepEqual(
      changes.map((c) => [c.path, c.mode]),
      [['ns/namespaces.yaml', 'append']],
    );
    const edited = applyEdits(nsFile, changes[0].merge!(nsFile)!);
    assert.deepEqual(labelsOf(edited, 'shop'), { team: 'shop', ...expected });
    assert.equal(labelsOf(edited, 'other'), undefined);
    // The ClusterRole granting `use` stays: harmless once the policy is gone.
    assert.match(out, /kind: ClusterRole/);
  });

  test('the editor edits the other file where it is, or creates it when it is gone', () => {
    const nsFile = namespace('shop');
    const files = { '/w/psp.yaml': `${policy}---\n${role}`, '/w/rbac.yaml': roleBinding('shop'), '/w/ns/shop.yaml': nsFile };
    const { files: changes } = suggestionIn(files, '/w/psp.yaml');
    const edit = withFileChanges({ documentChanges: [] }, 'file:///w/psp.yaml', changes, (uri) => (uri === 'file:///w/ns/shop.yaml' ? nsFile : undefined));
    assert.deepEqual(
      edit.documentChanges!.map((c) => ('textDocument' in c ? c.textDocument.uri : c.kind)),
      ['file:///w/ns/shop.yaml'],
    );
    const gone = withFileChanges({ documentChanges: [] }, 'file:///w/psp.yaml', changes, () => undefined);
    const created = gone.documentChanges!.find((c) => 'edits' in c) as { edits: Array<{ newText: string }> };
    assert.deepEqual(labelsOf(created.edits[0].newText, 'shop'), expected);
  });

  test('a Namespace manifest in the same file', () => {
    const text = `${namespace('shop')}---\n${policy}---\n${role}---\n${roleBinding('shop')}`;
    const { out, files } = suggestionIn({ '/w/all.yaml': text }, '/w/all.yaml');
    assert.deepEqual(labelsOf(out, 'shop'), expected);
    assert.deepEqual(files, []);
    assert.equal(parseAllDocuments(out).filter((d) => d.toJS()?.kind === 'Namespace').length, 1);
  });

  test('no binding in the workspace: every Namespace manifest of the workspace', () => {
    const nsFile = `${namespace('shop')}---\n${namespace('web')}`;
    const files = { '/w/psp.yaml': policy, '/w/namespaces.yaml': nsFile };
    const { title, out, files: changes } = suggestionIn(files, '/w/psp.yaml');
    assert.match(title, /restricted on shop, web,/);
    assert.equal(parseAllDocuments(out).filter((d) => d.toJS()?.kind === 'Namespace').length, 0);
    const edited = applyEdits(nsFile, changes[0].merge!(nsFile)!);
    assert.deepEqual([labelsOf(edited, 'shop'), labelsOf(edited, 'web')], [expected, expected]);
  });

  test('labels already right are left alone', () => {
    const text = `${namespace(
      'shop',
      `  labels:\n${Object.entries(expected)
        .map(([k, v]) => `    ${k}: ${v}\n`)
        .join('')}`,
    )}---\n${policy}---\n${role}---\n${roleBinding('shop')}`;
    const { out } = suggestionIn({ '/w/all.yaml': text }, '/w/all.yaml');
    assert.equal(out.slice(0, out.indexOf('---')), text.slice(0, text.indexOf('---')));
  });
});

describe('the level a policy maps to', () => {
  const restricted = {
    privileged: false,
    allowPrivilegeEscalation: false,
    requiredDropCapabilities: ['ALL'],
    volumes: ['secret'],
    runAsUser: { rule: 'MustRunAsNonRoot' },
    seLinux: { rule: 'RunAsAny' },
  };
  const cases: Array<[string, Record<string, unknown>, Record<string, string>, string, string[]]> = [
    ['restricted', restricted, {}, 'restricted', []],
    ['privileged containers', { ...restricted, privileged: true }, {}, 'privileged', ['privileged: true allows privileged containers']],
    ['hostPath volumes', { ...restricted, volumes: ['hostPath'] }, {}, 'privileged', ['volumes allows hostPath']],
    ['a host port range', { ...restricted, hostPorts: [{ min: 80, max: 80 }] }, {}, 'privileged', ['hostPorts allows host ports']],
    ['SYS_ADMIN', { ...restricted, allowedCapabilities: ['SYS_ADMIN'] }, {}, 'privileged', ['allowedCapabilities adds SYS_ADMIN']],
    ['a baseline capability', { ...restricted, allowedCapabilities: ['CHOWN'] }, {}, 'baseline', ['allowedCapabilities adds CHOWN']],
    ['NET_BIND_SERVICE', { ...restricted, allowedCapabilities: ['NET_BIND_SERVICE'] }, {}, 'restricted', []],
    ['privilege escalation', { ...restricted, allowPrivilegeEscalation: true }, {}, 'baseline', ['allowPrivilegeEscalation is not false']],
    ['no drop ALL', { ...restricted, requiredDropCapabilities: ['NET_RAW'] }, {}, 'baseline', ['requiredDropCapabilities does not include ALL']],
    ['runAsUser RunAsAny', { ...restricted, runAsUser: { rule: 'RunAsAny' } }, {}, 'baseline', ['runAsUser.rule is not MustRunAsNonRoot']],
    ['nfs volumes', { ...restricted, volumes: ['nfs'] }, {}, 'baseline', ['volumes allows nfs']],
    ['a custom SELinux user', { ...restricted, seLinux: { rule: 'MustRunAs', seLinuxOptions: { user: 'system_u' } } }, {}, 'privileged', ['seLinux sets a custom SELinux user, role or type']],
    ['seccomp allowing unset', restricted, { 'seccomp.security.alpha.kubernetes.io/allowedProfileNames': 'runtime/default,' }, 'baseline', ['the seccomp annotation allows no profile']],
    [
      'seccomp allowing any',
      restricted,
      { 'seccomp.security.alpha.kubernetes.io/allowedProfileNames': '*' },
      'privileged',
      ['the seccomp annotation allows other profiles than runtime/default and localhost/*'],
    ],
    ['unsafe sysctls', { ...restricted, allowedUnsafeSysctls: ['net.*'] }, {}, 'privileged', ['allowedUnsafeSysctls allows unsafe sysctls']],
  ];
  for (const [name, spec, annotations, level, limits] of cases) {
    test(name, () => {
      const a = analysePsp(spec, annotations);
      assert.deepEqual([a.level, a.limits], [level, limits]);
    });
  }
});

describe('what the policy enforced beyond its level', () => {
  const fields = (spec: Record<string, unknown>, level: 'privileged' | 'baseline' | 'restricted') => beyondLevel(spec, level).map((c) => c.field);
  test('no allowedCapabilities means none may be added: beyond restricted, which allows NET_BIND_SERVICE', () => {
    assert.deepEqual(fields({ requiredDropCapabilities: ['ALL'], volumes: ['*'] }, 'restricted'), ['allowedCapabilities']);
    assert.deepEqual(fields({ requiredDropCapabilities: ['ALL'], allowedCapabilities: ['NET_BIND_SERVICE'], volumes: ['*'] }, 'restricted'), []);
  });
  test('a privileged policy keeps what it still forbade', () => {
    assert.deepEqual(fields({ hostNetwork: true, allowedCapabilities: ['*'], volumes: ['*'] }, 'privileged'), ['privileged', 'hostPID', 'hostIPC']);
    assert.deepEqual(fields({ privileged: true, hostNetwork: true, hostPID: true, hostIPC: true, allowedCapabilities: ['*'], volumes: ['*'], allowPrivilegeEscalation: false }, 'privileged'), [
      'allowPrivilegeEscalation',
    ]);
  });
  test('baseline keeps drop lists and host path prefixes', () => {
    assert.deepEqual(fields({ requiredDropCapabilities: ['NET_RAW'], allowedCapabilities: ['*'], volumes: ['*'], allowedHostPaths: [{ pathPrefix: '/var/log', readOnly: true }] }, 'baseline'), [
      'requiredDropCapabilities',
      'allowedHostPaths',
      'allowedHostPaths.readOnly',
    ]);
  });
});

test('CRLF line endings stay CRLF', () => {
  const text = `${policy}---\n${role}`.replace(/\n/g, '\r\n');
  const { out } = suggestionIn({ '/w/psp.yaml': text }, '/w/psp.yaml');
  assert.doesNotMatch(out, /[^\r]\n/);
});
