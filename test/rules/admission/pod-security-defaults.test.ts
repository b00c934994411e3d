// The PodSecurity plugin's configuration in the workspace sets the level the Pod Security rules check
// at in namespaces without labels, and its exempt namespaces are not checked at all.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, clusterDefaultKey, extractText, mergeConfig } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { viewOf, workspaceOf } from '../../helpers/workspace';

const admissionConfig = (defaults: string, exempt = '[]') =>
  `apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n  - name: PodSecurity\n    configuration:\n      apiVersion: pod-security.admission.config.k8s.io/v1\n      kind: PodSecurityConfiguration\n      defaults:\n${defaults}      exemptions:\n        namespaces: ${exempt}\n`;

const pod = (namespace: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: ${namespace}\nspec:\n  containers:\n    - name: web\n      image: nginx\n      securityContext:\n        privileged: true\n`;

const namespace = (name: string, labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n${labels}`;

/** The Pod Security findings of `file` in a workspace of `files`: rule ids. */
function podSecurity(files: Record<string, string>, file: string): string[] {
  const model = workspaceOf(files);
  const workspace = viewOf(model, file, files[file]);
  return check(files[file], { config: mergeConfig({ podSecurityLevel: 'restricted' }), rules, workspace })
    .findings.filter((f) => f.pss)
    .map((f) => f.ruleId)
    .sort();
}

describe('PodSecurity defaults and exemptions of the workspace', () => {
  const restrictedFindings = podSecurity({ '/w/pod.yaml': pod('shop') }, '/w/pod.yaml');

  test('without a configuration, the configured level (restricted) applies', () => {
    assert.ok(restrictedFindings.includes('run-as-non-root'));
    assert.ok(restrictedFindings.includes('privileged-container'));
  });

  test('defaults.enforce baseline: only baseline checks in a namespace without labels', () => {
    const files = { '/w/admission.yaml': admissionConfig('        enforce: baseline\n'), '/w/pod.yaml': pod('shop') };
    assert.deepEqual(podSecurity(files, '/w/pod.yaml'), ['privileged-container']);
  });

  test('an exempt namespace is not checked', () => {
    const files = { '/w/admission.yaml': admissionConfig('        enforce: restricted\n', '[tools]'), '/w/pod.yaml': pod('tools') };
    assert.deepEqual(podSecurity(files, '/w/pod.yaml'), []);
  });

  test("a namespace's own enforce label wins over the defaults", () => {
    const files = {
      '/w/admission.yaml': admissionConfig('        enforce: baseline\n'),
      '/w/ns.yaml': namespace('shop', '    pod-security.kubernetes.io/enforce: restricted\n'),
      '/w/pod.yaml': pod('shop'),
    };
    assert.deepEqual(podSecurity(files, '/w/pod.yaml'), restrictedFindings);
  });

  test('exemptions win over labels, as the plugin does not evaluate exempt namespaces', () => {
    const files = {
      '/w/admission.yaml': admissionConfig('        enforce: baseline\n', '[shop]'),
      '/w/ns.yaml': namespace('shop', '    pod-security.kubernetes.io/enforce: restricted\n'),
      '/w/pod.yaml': pod('shop'),
    };
    assert.deepEqual(podSecurity(files, '/w/pod.yaml'), []);
  });

  test('an invalid default level is ignored (the API server would not start with it)', () => {
    const files = { '/w/admission.yaml': admissionConfig('        enforce: basline\n'), '/w/pod.yaml': pod('shop') };
    assert.deepEqual(podSecurity(files, '/w/pod.yaml'), restrictedFindings);
  });

  test('the default version applies to a labelled namespace without its own version', () => {
    const model = workspaceOf({
      '/w/admission.yaml': admissionConfig('        enforce: baseline\n        enforce-version: v1.25\n'),
      '/w/ns.yaml': namespace('shop', '    pod-security.kubernetes.io/enforce: restricted\n'),
    });
    const policies = model.namespacePolicies();
    assert.deepEqual(policies.get(clusterDefaultKey), { namespace: clusterDefaultKey, level: 'baseline', minor: 25 });
    assert.equal(policies.get('shop')?.level, 'restricted');
  });

  test('editing the configuration changes the policies (the cache follows its channel)', () => {
    const model = workspaceOf({ '/w/admission.yaml': admissionConfig('        enforce: baseline\n') });
    assert.equal(model.namespacePolicies().get(clusterDefaultKey)?.level, 'baseline');
    viewOf(model, '/w/admission.yaml', admissionConfig('        enforce: privileged\n'));
    assert.equal(model.namespacePolicies().get(clusterDefaultKey)?.level, 'privileged');
    model.delete('/w/admission.yaml');
    assert.equal(model.namespacePolicies().get(clusterDefaultKey), undefined);
  });

  test('a change of the configuration concerns every namespace, so every open file is re-checked', () => {
    const model = workspaceOf({ '/w/pod.yaml': pod('shop') });
    const change = model.set(extractText('/w/admission.yaml', admissionConfig('        enforce: baseline\n'), model.extractorList));
    assert.ok(change?.channels.has('admission.pod-security-defaults'));
    assert.ok(change?.namespaces.has('*'));
  });

  test('several configurations: the first level set counts, and every exemption', () => {
    const model = workspaceOf({ '/w/a.yaml': admissionConfig('        enforce-version: v1.30\n', '[tools]'), '/w/b.yaml': admissionConfig('        enforce: baseline\n', '[ci]') });
    const policies = model.namespacePolicies();
    assert.deepEqual(policies.get(clusterDefaultKey), { namespace: clusterDefaultKey, level: 'baseline', minor: 30 });
    assert.deepEqual([policies.get('tools')?.level, policies.get('ci')?.level], ['privileged', 'privileged']);
  });

  test('namespace-labels-enforce names the default of the configuration', () => {
    const files = { '/w/admission.yaml': admissionConfig('        enforce: baseline\n'), '/w/ns.yaml': namespace('dev', '    pod-security.kubernetes.io/warn: restricted\n') };
    const model = workspaceOf(files);
    const messages = check(files['/w/ns.yaml'], { config: mergeConfig(), rules, workspace: viewOf(model, '/w/ns.yaml', files['/w/ns.yaml']) })
      .findings.filter((f) => f.ruleId === 'namespace-labels-enforce')
      .map((f) => f.message);
    assert.deepEqual(messages, ['namespace "dev" sets pod-security.kubernetes.io/warn but enforces no level, so the AdmissionConfiguration default baseline applies']);
  });
});
