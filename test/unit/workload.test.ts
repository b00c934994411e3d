// The workload abstraction: one pod template for every kind, every container list, and effective
// security settings (container over pod) that remember the node they came from.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseManifest, resourcesOf, workloadKinds, workloadOf } from '../../server/src/engine';

const podSpec = `securityContext:
  runAsNonRoot: true
  seccompProfile: {type: RuntimeDefault}
containers:
- name: app
  image: x
  securityContext:
    runAsNonRoot: false
initContainers:
- name: init
  image: x
ephemeralContainers:
- name: debug
  image: x
  securityContext:
    seccompProfile: {type: Localhost, localhostProfile: p.json}
`;

const indent = (text: string, n: number) =>
  text
    .split('\n')
    .map((l) => (l ? ' '.repeat(n) + l : l))
    .join('\n');
const manifests: Record<string, string> = {
  Pod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n${indent(podSpec, 2)}`,
  PodTemplate: `apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: w\ntemplate:\n  spec:\n${indent(podSpec, 4)}`,
  ReplicationController: `apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n${indent(podSpec, 6)}`,
  Deployment: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n${indent(podSpec, 6)}`,
  ReplicaSet: `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n${indent(podSpec, 6)}`,
  StatefulSet: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n${indent(podSpec, 6)}`,
  DaemonSet: `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n${indent(podSpec, 6)}`,
  Job: `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n${indent(podSpec, 6)}`,
  CronJob: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: w\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${indent(podSpec, 10)}`,
};

describe('Workload', () => {
  test('every kind with a pod template is covered', () => {
    assert.deepEqual(Object.keys(manifests).sort(), [...workloadKinds].sort());
  });

  for (const [kind, text] of Object.entries(manifests)) {
    test(`${kind}: containers of every list, effective values with their source node`, () => {
      const [resource] = resourcesOf(parseManifest(text));
      const workload = workloadOf(resource)!;
      assert.ok(workload, 'not recognised as a workload');
      const containers = workload.containers();
      assert.deepEqual(
        containers.map((c) => `${c.list}:${c.name}`),
        ['containers:app', 'initContainers:init', 'ephemeralContainers:debug'],
      );
      const [app, init, debug] = containers;
      // The container's own value wins over the pod's, and points at the container's node.
      const own = app.effective('runAsNonRoot')!;
      assert.deepEqual([own.value, own.from], [false, 'container']);
      assert.equal(text.slice(own.node.range![0], own.node.range![1]), 'false');
      // Unset in the container: the pod's value, pointing at the pod's node.
      const inherited = init.effective('runAsNonRoot')!;
      assert.deepEqual([inherited.value, inherited.from], [true, 'pod']);
      assert.equal(inherited.node, workload.get(['securityContext', 'runAsNonRoot']));
      assert.deepEqual([debug.effective('seccompProfile.type')!.value, debug.effective('seccompProfile.type')!.from], ['Localhost', 'container']);
      assert.equal(init.effective('seccompProfile.type')!.from, 'pod');
      assert.equal(app.effective('runAsUser'), undefined);
    });
  }

  test('other API groups of the same kind are not workloads', () => {
    const [resource] = resourcesOf(parseManifest('apiVersion: example.com/v1\nkind: Deployment\nmetadata:\n  name: x\nspec: {}\n'));
    assert.equal(workloadOf(resource), undefined);
  });

  test('a container without a name is anchored on its first key, never on the whole item', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - image: x\n    ports:\n    - containerPort: 80\n';
    const [resource] = resourcesOf(parseManifest(text));
    const [c] = workloadOf(resource)!.containers();
    assert.equal(c.name, 'containers[0]');
    assert.equal(text.slice(c.anchor.range![0], c.anchor.range![1]), 'image');
  });
});
