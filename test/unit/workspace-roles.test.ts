// File roles in the workspace model: the facts of one file (a kustomization) make others partial
// resources or no resources at all; such files leave the model's indexes (a patch is not a second
// workload) and come back when the claim goes, and every change names the files whose role changed.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractText, FileEntry } from '../../server/src/engine';
import { workloads } from '../../rules/network/facts';
import { kustomizations } from '../../rules/kustomize/facts';
import { kustomizeFiles } from '../helpers/kustomize-fixture';
import { workspaceOf } from '../helpers/workspace';

const root = '/repo';
const files = Object.fromEntries(Object.entries(kustomizeFiles).map(([path, text]) => [`${root}/${path}`, text]));
const overlay = `${root}/overlays/prod/kustomization.yaml`;
const entry = (file: string, text: string): FileEntry => extractText(file, text, workspaceOf().extractorList);

describe('roles given by kustomizations', () => {
  test('patches by path, strategic-merge and component patches are partial; kustomizations, JSON 6902 and replacement files are no resources', () => {
    const model = workspaceOf(files);
    const roles = Object.fromEntries(Object.keys(kustomizeFiles).map((path) => [path, model.roleOf(`${root}/${path}`) ?? 'manifest']));
    assert.deepEqual(roles, {
      'base/kustomization.yaml': 'not-a-resource',
      'base/deployment.yaml': 'manifest',
      'base/service.yaml': 'manifest',
      'base/network-policy.yaml': 'manifest',
      'components/debug/kustomization.yaml': 'not-a-resource',
      'components/debug/debug-port.yaml': 'partial',
      'overlays/prod/kustomization.yaml': 'not-a-resource',
      'overlays/prod/replicas.yaml': 'partial',
      'overlays/prod/privileged.yaml': 'partial',
      'overlays/prod/memory.yaml': 'partial',
      'overlays/prod/json-patch.yaml': 'not-a-resource',
      'overlays/prod/replacements.yaml': 'not-a-resource',
    });
  });

  test('a kustomization without apiVersion and kind is read by its name, with what it declares', () => {
    const overlayFact = workspaceOf(files)
      .factsOf(kustomizations)
      .find((k) => k.at.file === overlay)!;
    assert.deepEqual(
      { ...overlayFact, at: undefined },
      {
        at: undefined,
        kind: 'Kustomization',
        resources: [`${root}/base`],
        components: [`${root}/components/debug`],
        patches: [
          { file: `${root}/overlays/prod/replicas.yaml`, type: 'strategic-merge' },
          { file: `${root}/overlays/prod/privileged.yaml`, type: 'strategic-merge' },
          { file: `${root}/overlays/prod/memory.yaml`, type: 'strategic-merge' },
          { file: `${root}/overlays/prod/json-patch.yaml`, type: 'json6902' },
        ],
        inlinePatches: 1,
        toolFiles: [`${root}/overlays/prod/replacements.yaml`],
        namePrefix: 'prod-',
        nameSuffix: '-v1',
        namespace: 'prod',
        images: [{ name: 'nginxinc/nginx-unprivileged', newName: undefined, newTag: '1.27.1', digest: undefined }],
        replacements: 1,
      },
    );
  });

  test('a patch is no workload of the workspace: only the base Deployment is', () => {
    const model = workspaceOf(files);
    assert.deepEqual(
      model.factsOf(workloads).map((w) => w.at.file),
      [`${root}/base/deployment.yaml`],
    );
    assert.deepEqual(
      model.resources({ kind: 'Deployment' }).map((r) => r.at.file),
      [`${root}/base/deployment.yaml`],
    );
    assert.equal(model.resources({ kind: 'Kustomization' }).length, 0);
  });

  test('dropping a patch from the kustomization makes the file a manifest again, and the change names it', () => {
    const model = workspaceOf(files);
    const patch = `${root}/overlays/prod/replicas.yaml`;
    const without = files[overlay].replace('  - path: replicas.yaml\n', '');
    const change = model.set(entry(overlay, without))!;
    assert.ok(change.files.has(patch), [...change.files].join(', '));
    assert.equal(model.roleOf(patch), undefined);
    assert.ok(change.channels.has(workloads.id), 'its workload is back in the index');
    assert.equal(model.factsOf(workloads).filter((w) => w.at.file === patch).length, 1);

    const back = model.set(entry(overlay, files[overlay]))!;
    assert.ok(back.files.has(patch));
    assert.equal(model.roleOf(patch), 'partial');
    assert.equal(model.factsOf(workloads).filter((w) => w.at.file === patch).length, 0);
  });

  test('deleting the kustomization, or setting its patch before it, ends in the same state', () => {
    const patch = `${root}/overlays/prod/privileged.yaml`;
    const model = workspaceOf(files);
    const change = model.delete(overlay)!;
    assert.ok(change.files.has(patch));
    assert.equal(model.roleOf(patch), undefined);
    // The kustomization first, then its patch: the role is known when the patch arrives.
    const ordered = workspaceOf({ [overlay]: files[overlay] });
    assert.equal(ordered.roleOf(patch), 'partial');
    ordered.set(entry(patch, files[patch]));
    assert.equal(ordered.factsOf(workloads).length, 0);
  });

  test('paths resolve against the kustomization folder, ../ included; remote bases and files that are not on disk resolve to nothing', () => {
    const k = (text: string, file = '/w/a/b/kustomization.yaml') => workspaceOf({ [file]: text }).factsOf(kustomizations)[0];
    assert.deepEqual(k('patches:\n  - path: ../../p.yaml\npatchesStrategicMerge:\n  - ./q.yml\n').patches, [
      { file: '/w/p.yaml', type: 'strategic-merge' },
      { file: '/w/a/b/q.yml', type: 'strategic-merge' },
    ]);
    assert.deepEqual(k('resources:\n  - github.com/org/repo//base?ref=v1\n  - https://example.com/x.yaml\n  - ../c\n').resources, ['/w/a/c']);
    assert.deepEqual(k('patches:\n  - path: p.yaml\n', 'vscode-vfs://github/org/repo/kustomization.yaml').patches, []);
    assert.deepEqual(k('patches:\n  - path: p.yaml\n', 'C:\\w\\a\\kustomization.yaml').patches, [{ file: 'C:\\w\\a\\p.yaml', type: 'strategic-merge' }]);
    // Inline strategic-merge patches are text, not files.
    assert.equal(k('patchesStrategicMerge:\n  - |-\n    apiVersion: v1\n    kind: Service\n').inlinePatches, 1);
  });

  test('a file named kustomization.yaml that is a manifest of another kind stays a manifest', () => {
    const file = '/w/kustomization.yaml';
    const model = workspaceOf({ [file]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n' });
    assert.equal(model.roleOf(file), undefined);
    assert.equal(model.resources({ kind: 'ConfigMap' }).length, 1);
  });
});
