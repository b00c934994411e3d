// Rules on a partial resource (a file a kustomization uses as a patch): a field the patch leaves out
// is the patched resource's, so no rule reports it missing; a value the patch sets is reported, on
// its own line, exactly as in a manifest. The same text as a manifest of its own still gets both.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultConfig, Finding, lint, parseManifest } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { workspaceOf } from '../../helpers/workspace';

const kustomization = '/repo/overlay/kustomization.yaml';
const patchFile = '/repo/overlay/patch.yaml';

/** Each finding as `ruleId:messageId@line` (1-based), for the patch alone or under a kustomization. */
function findings(text: string, asPatch: boolean, others: Record<string, string> = {}): string[] {
  const files: Record<string, string> = { ...others, [patchFile]: text };
  if (asPatch) files[kustomization] = 'patches:\n  - path: patch.yaml\n';
  const model = workspaceOf(files);
  const file = parseManifest(text);
  return lint(file, { config: defaultConfig, rules, workspace: model.view(patchFile) }).findings.map((f: Finding) => `${f.ruleId}:${f.messageId}@${file.lines.position(f.offset).line + 1}`);
}

const deploymentPatch = (container: string, pod = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:${pod}
      containers:
        - name: app
${container}`;

describe('partial resources', () => {
  test('a patch that sets only replicas and a memory limit gets nothing; as a manifest of its own it gets the missing-field findings', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: app
          resources:
            limits:
              memory: 512Mi
`;
    assert.deepEqual(findings(text, true), []);
    assert.deepEqual(findings(text, false), [
      'network-ingress-isolation:notIsolated@4',
      'schema-required-field:missing@5',
      'automount-service-account-token:mounted@8',
      'allow-privilege-escalation:unset@10',
      'read-only-root-filesystem:unset@10',
      'restricted-capabilities:notDropped@10',
      'restricted-seccomp-profile:unset@10',
      'run-as-non-root:unset@10',
      'resource-requirements:missing@11',
    ]);
  });

  test('values a patch sets are reported on their line', () => {
    const text = deploymentPatch(
      `          securityContext:
            privileged: true
            allowPrivilegeEscalation: true
            runAsNonRoot: false
            capabilities:
              drop: [NET_RAW]
              add: [SYS_ADMIN]
            seccompProfile:
              type: Unconfined
`,
      `
      hostNetwork: true`,
    );
    assert.deepEqual(findings(text, true), [
      'host-namespaces:shared@8',
      'privileged-container:privileged@12',
      'allow-privilege-escalation:allowed@13',
      'run-as-non-root:containerFalse@14',
      // A set `drop` list replaces the base's (it has no merge key): without ALL, it counts.
      'restricted-capabilities:notDropped@16',
      'restricted-capabilities:added@17',
      'restricted-seccomp-profile:invalid@19',
    ]);
  });

  test('a patch that sets part of a seccomp profile or the pod security context leaves the rest to the base', () => {
    const text = deploymentPatch(
      `          securityContext:
            seccompProfile:
              localhostProfile: profiles/web.json
`,
      `
      securityContext:
        runAsUser: 1000`,
    );
    assert.deepEqual(findings(text, true), []);
  });

  test('a patch of a NetworkPolicy is not a policy that selects nothing, and a Namespace patch needs no default-deny of its own', () => {
    const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels:\n      app: nothing-here\n';
    const base = { '/repo/base/deployment.yaml': deploymentPatch('          image: web\n').replace('    spec:\n', '    metadata:\n      labels:\n        app: web\n    spec:\n') };
    assert.deepEqual(findings(policy, true, base), []);
    assert.deepEqual(findings(policy, false, base), ['network-policy-selects-nothing:selectsNothing@6']);
    const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: web\n';
    assert.deepEqual(findings(namespace, true), []);
  });

  test('a kustomization itself gets nothing, even with apiVersion and kind and an annotation rule that reads every kind', () => {
    const text = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"kind":"Secret","stringData":{"password":"hunter2-hunter2"}}'
resources:
  - deployment.yaml
`;
    const model = workspaceOf({ [kustomization]: text });
    const result = lint(parseManifest(text), { config: defaultConfig, rules, workspace: model.view(kustomization) });
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.resources, []);
  });
});
