// The layout fixes' text, table-tested: the strategic-merge patch a fix writes (only the changed
// values, list items by name, `null` to delete) and the entry that lists it last in an overlay's
// kustomization, in the style of its neighbours, with nothing else of the file changed.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, parseManifest } from '../../server/src/engine';
import { addPatchEntry, overlayPatchFix, patchOf, patchText } from '../../rules';

const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const inline = { patch: 'kind: Deployment\nmetadata:\n  name: web', target: { kind: 'Deployment', name: 'web' } };

const entries: Array<{ name: string; before: string; entry: Parameters<typeof addPatchEntry>[1]; after: string }> = [
  {
    name: 'appended to a block list, after its last item (a multi-line one) and before a comment and the next key',
    before: `resources:\n  - ../../base # the base\npatches:\n  - path: a.yaml\n    target:\n      kind: Deployment\n# scale\nreplicas: []\n`,
    entry: { path: 'deployment-web-run-as-non-root.patch.yaml' },
    after: `resources:\n  - ../../base # the base\npatches:\n  - path: a.yaml\n    target:\n      kind: Deployment\n  - path: deployment-web-run-as-non-root.patch.yaml\n# scale\nreplicas: []\n`,
  },
  {
    name: 'a list written without indentation keeps its style',
    before: `resources:\n- ../../base\npatches:\n- path: a.yaml\n`,
    entry: { path: 'b.yaml' },
    after: `resources:\n- ../../base\npatches:\n- path: a.yaml\n- path: b.yaml\n`,
  },
  {
    name: 'no patches key: a new one at the end, indented as the other lists',
    before: `# prod\nresources:\n    - ../../base\nnamePrefix: prod-`,
    entry: { path: 'b.yaml' },
    after: `# prod\nresources:\n    - ../../base\nnamePrefix: prod-\npatches:\n    - path: b.yaml\n`,
  },
  {
    name: 'a flow list',
    before: `resources: [../../base]\npatches: [{path: a.yaml}]\n`,
    entry: { path: 'b.yaml' },
    after: `resources: [../../base]\npatches: [{path: a.yaml}, {path: b.yaml}]\n`,
  },
  {
    name: 'an empty flow list',
    before: `resources: [../../base]\npatches: []\n`,
    entry: { path: 'b.yaml' },
    after: `resources: [../../base]\npatches: [{path: b.yaml}]\n`,
  },
  {
    name: 'a patches key without a value',
    before: `resources:\n  - ../../base\npatches:\nnamespace: prod\n`,
    entry: { path: 'b.yaml' },
    after: `resources:\n  - ../../base\npatches:\n  - path: b.yaml\nnamespace: prod\n`,
  },
  {
    name: 'CRLF line endings',
    before: `resources:\r\n  - ../../base\r\npatches:\r\n  - path: a.yaml\r\n`,
    entry: { path: 'b.yaml' },
    after: `resources:\r\n  - ../../base\r\npatches:\r\n  - path: a.yaml\r\n  - path: b.yaml\r\n`,
  },
  {
    name: 'an inline patch with its target, as a block scalar',
    before: `resources:\n  - ../../base\n`,
    entry: inline,
    after: `resources:\n  - ../../base\npatches:\n  - patch: |-\n      kind: Deployment\n      metadata:\n        name: web\n    target:\n      kind: Deployment\n      name: web\n`,
  },
];

describe('listing a patch in the kustomization', () => {
  for (const c of entries) {
    test(c.name, () => {
      const edit = addPatchEntry(parseManifest(c.before), c.entry);
      assert.ok(edit);
      const after = applyEdits(c.before, [edit]);
      assert.equal(after, c.after);
      const parsed = parseManifest(after).documents[0];
      assert.ok(!parsed.hasErrors);
      const patches = parsed.doc.toJS().patches as unknown[];
      assert.deepEqual(patches[patches.length - 1], c.entry);
      // Only an insertion (or a null value filled): the text before it is the original's.
      assert.equal(after.slice(0, edit.offset), c.before.slice(0, edit.offset));
      assert.equal(after.slice(edit.offset + edit.text.length), c.before.slice(edit.offset + edit.length));
    });
  }

  test('a kustomization that does not parse, or whose patches is not a list, gets nothing', () => {
    for (const text of ['resources: [\n', 'patches: not-a-list\n', '- a\n- b\n', '']) assert.equal(addPatchEntry(parseManifest(text), { path: 'b.yaml' }), undefined, text);
  });
});

describe('the patch', () => {
  test('names the resource as the base does, and holds only the changed values; list items by name', () => {
    const patch = patchOf(
      [
        { path: ['spec', 'template', 'spec', 'securityContext', 'runAsNonRoot'], value: true },
        { path: ['spec', 'template', 'spec', 'containers', { name: 'app' }, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] },
        { path: ['spec', 'template', 'spec', 'hostNetwork'], value: undefined },
      ],
      { ...target, namespace: 'shop' },
    );
    assert.equal(
      patchText(patch!, 'kube-harden: made by a fix'),
      `# kube-harden: made by a fix
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: app
          securityContext:
            capabilities:
              drop: [ALL]
      hostNetwork: null
`,
    );
  });

  test('a change a strategic merge cannot say (a list item by index, a whole named item) gives no patch', () => {
    assert.equal(patchOf([{ path: ['spec', 'template', 'spec', 'containers', 0, 'image'], value: 'x' }], target), undefined);
    assert.equal(patchOf([{ path: ['spec', 'template', 'spec', 'containers', { name: 'app' }], value: { name: 'app' } }], target), undefined);
  });

  test('a new file beside the kustomization, under a name not taken; inline without file creation', () => {
    const kustomization = { file: '/ws/overlays/prod/kustomization.yaml', parsed: parseManifest('resources:\n  - ../../base\n') };
    const changes = [{ path: ['spec', 'replicas'], value: 1 }];
    const taken = new Set(['/ws/overlays/prod/deployment-web-some-rule.patch.yaml']);
    const request = { changes, target, ruleId: 'some-rule', kustomization, canCreate: true, exists: (f: string) => taken.has(f) };
    const created = overlayPatchFix(request)!;
    assert.equal(created.create?.file, '/ws/overlays/prod/deployment-web-some-rule-2.patch.yaml');
    assert.equal(created.name, 'deployment-web-some-rule-2.patch.yaml');
    assert.match(applyEdits(kustomization.parsed.text, [created.kustomizationEdit!]), /- path: deployment-web-some-rule-2\.patch\.yaml\n$/);
    const inlined = overlayPatchFix({ ...request, canCreate: false })!;
    assert.equal(inlined.create, undefined);
    const listed = parseManifest(applyEdits(kustomization.parsed.text, [inlined.kustomizationEdit!])).documents[0].doc.toJS().patches;
    assert.deepEqual(listed, [{ patch: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1', target: { kind: 'Deployment', name: 'web' } }]);
  });
});
