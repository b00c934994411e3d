// The layout fixes of a finding an overlay's rendering has on a base, verified with the real
// `kubectl kustomize` (skipped with a reason where it is absent): the overlay's patch removes the
// finding from that overlay's rendering and changes no base file; the base fix removes it from every
// overlay; where the overlay itself set the value, only the overlay's patch is offered.

import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Config, mergeConfig, parseManifest } from '../../server/src/engine';
import { baseFix, changedByOverlay, KustomizationFact, OverlayFinding, overlayPatchFix, patchTarget, renderedChanges } from '../../rules';
import { kubectlMissing } from '../helpers/kubectl';
import { overlayFiles } from '../helpers/kustomize-overlays';
import { edit, layoutFiles, read, renderAndMap } from '../helpers/overlay-fix';
import { tempTree } from '../helpers/temp-tree';

const noKubectl = kubectlMissing('the layout fixes are not checked against a rendering');

const baseline = mergeConfig({ podSecurityLevel: 'baseline' });
const restricted = mergeConfig({});
const temps: string[] = [];
after(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function layout(files: Record<string, string>): string {
  const root = tempTree('kube-harden-overlay-fix-', files);
  temps.push(root);
  return root;
}

const rulesOf = (mapped: readonly OverlayFinding[]) => mapped.map((m) => m.finding.ruleId).sort();

/** The overlay fix of the mapped finding of `ruleId` (its fix, or the suggestion whose title matches `suggestion`). */
function overlayFix(root: string, mapped: readonly OverlayFinding[], ruleId: string, canCreate = true, suggestion?: RegExp) {
  const m = mapped.find((f) => f.finding.ruleId === ruleId)!;
  assert.ok(m?.fixing, `${ruleId} has what a layout fix needs`);
  const { rendering, finding, resource, base } = m.fixing;
  const apply = suggestion ? finding.suggestions.find((s) => suggestion.test(s.title))?.apply : finding.fix?.apply;
  const changes = renderedChanges(rendering, finding, resource, apply)!;
  assert.ok(changes, 'the fix is read back as values');
  const kustomizationFile = join(root, 'overlays/prod/kustomization.yaml');
  const target = patchTarget(resource, base!.resource);
  const kustomization = { file: kustomizationFile, parsed: parseManifest(readFileSync(kustomizationFile, 'utf8')) };
  // The overlay's own strategic-merge patches, as the server reads them.
  const own = m.fixing.rendering && overlayOf(mapped).patches.filter((p) => p.type === 'strategic-merge');
  const patches = own.map((p) => ({ file: p.file, parsed: parseManifest(readFileSync(p.file, 'utf8')) }));
  const overlayChanged = changedByOverlay(changes, resource, base!.resource);
  const fix = overlayPatchFix({ changes, target, ruleId, kustomization, canCreate, exists: () => false, comment: 'kube-harden: overlay prod only', patches, overlayChanged })!;
  assert.ok(fix);
  return { fix, changes, m };
}

const overlayOf = (mapped: readonly OverlayFinding[]) => overlays.get(mapped)!;
const overlays = new WeakMap<readonly OverlayFinding[], KustomizationFact>();

/** renderAndMap, remembering the overlay of its findings for overlayFix. */
async function mapOf(root: string, files: readonly string[], name: string, config: Config) {
  const result = await renderAndMap(root, files, name, config);
  overlays.set(result.mapped, result.overlay);
  return result.mapped;
}

function applyOverlayFix(root: string, fix: ReturnType<typeof overlayFix>['fix']) {
  if (fix.create) writeFileSync(fix.create.file, fix.create.text);
  if (fix.existing) edit(root, fix.existing.file, fix.existing.edits);
  if (fix.kustomizationEdit) edit(root, 'overlays/prod/kustomization.yaml', [fix.kustomizationEdit]);
}

describe('fixing a base finding of an overlay', { skip: noKubectl }, () => {
  const files = Object.keys(layoutFiles);

  test('the finding comes from the base through each overlay, with both fixes', async () => {
    const root = layout(layoutFiles);
    const prod = await renderAndMap(root, files, 'prod', baseline);
    assert.deepEqual(rulesOf(prod.mapped), ['host-namespaces', 'run-as-non-root']);
    const staging = await renderAndMap(root, files, 'staging', baseline);
    assert.deepEqual(rulesOf(staging.mapped), ['run-as-non-root']);
    for (const m of [...prod.mapped, ...staging.mapped]) assert.equal(m.file, join(root, 'base/deployment.yaml'));
  });

  test('in this overlay only: a new patch file listed in its kustomization; that overlay is fixed, the other and the base are not touched', async () => {
    const root = layout(layoutFiles);
    const { fix } = overlayFix(root, await mapOf(root, files, 'prod', baseline), 'run-as-non-root');
    assert.equal(fix.create?.file, join(root, 'overlays/prod/deployment-web-run-as-non-root.patch.yaml'));
    applyOverlayFix(root, fix);
    assert.deepEqual(rulesOf((await renderAndMap(root, [...files, 'overlays/prod/deployment-web-run-as-non-root.patch.yaml'], 'prod', baseline)).mapped), ['host-namespaces']);
    assert.deepEqual(rulesOf((await renderAndMap(root, files, 'staging', baseline)).mapped), ['run-as-non-root']);
    const now = read(root, files);
    for (const file of files.filter((f) => f !== 'overlays/prod/kustomization.yaml')) assert.equal(now[file], layoutFiles[file], file);
    // The kustomization only gained the entry, after the patch that is already there.
    assert.equal(now['overlays/prod/kustomization.yaml'], layoutFiles['overlays/prod/kustomization.yaml'] + '  - path: deployment-web-run-as-non-root.patch.yaml\n');
  });

  test('without file creation the same patch goes inline, with its target', async () => {
    const root = layout(layoutFiles);
    const { fix } = overlayFix(root, await mapOf(root, files, 'prod', baseline), 'run-as-non-root', false);
    assert.equal(fix.create, undefined);
    applyOverlayFix(root, fix);
    assert.deepEqual(rulesOf((await renderAndMap(root, files, 'prod', baseline)).mapped), ['host-namespaces']);
    assert.match(read(root, files)['overlays/prod/kustomization.yaml'], /\n {2}- patch: \|-\n {6}apiVersion: apps\/v1\n[^]*\n {4}target:\n {6}kind: Deployment\n {6}name: web\n$/);
  });

  test('in the base: every overlay is fixed', async () => {
    const root = layout(layoutFiles);
    const { m, changes } = overlayFix(root, await mapOf(root, files, 'prod', baseline), 'run-as-non-root');
    const edits = baseFix(changes, m.fixing!.resource, m.fixing!.base!)!;
    assert.ok(edits);
    edit(root, 'base/deployment.yaml', edits);
    assert.match(read(root, files)['base/deployment.yaml'], /securityContext:\n {8}seccompProfile:\n {10}type: RuntimeDefault\n {8}runAsNonRoot: true\n/);
    assert.deepEqual(rulesOf((await renderAndMap(root, files, 'prod', baseline)).mapped), ['host-namespaces']);
    assert.deepEqual(rulesOf((await renderAndMap(root, files, 'staging', baseline)).mapped), []);
  });

  test('a value the overlay itself set: no base fix (the overlay would set it again); the overlay patch, listed after, removes it', async () => {
    const root = layout(layoutFiles);
    const { fix, m, changes } = overlayFix(root, await mapOf(root, files, 'prod', baseline), 'host-namespaces', true, /Remove hostNetwork/);
    assert.deepEqual(changes, [{ path: ['spec', 'template', 'spec', 'hostNetwork'], value: undefined }]);
    assert.equal(baseFix(changes, m.fixing!.resource, m.fixing!.base!), undefined);
    applyOverlayFix(root, fix);
    const again = await renderAndMap(root, [...files, 'overlays/prod/deployment-web-host-namespaces.patch.yaml'], 'prod', baseline);
    assert.deepEqual(rulesOf(again.mapped), ['run-as-non-root']);
    assert.doesNotMatch(again.rendered, /hostNetwork/);
  });

  test("a JSON 6902 removal: the overlay's patch sets the value back", async () => {
    const root = layout(overlayFiles);
    const overlay = Object.keys(overlayFiles);
    const mapped = await mapOf(root, overlay, 'prod', restricted);
    const m = mapped.find((f) => f.finding.ruleId === 'run-as-non-root')!;
    assert.equal(m.via, 'json6902');
    // The overlay's privileged.yaml targets the same Deployment, but is applied before the removal: a new patch, listed last.
    const { fix } = overlayFix(root, mapped, 'run-as-non-root');
    assert.equal(fix.existing, undefined);
    applyOverlayFix(root, fix);
    const afterFix = await renderAndMap(root, [...overlay, 'overlays/prod/deployment-web-run-as-non-root.patch.yaml'], 'prod', restricted);
    assert.ok(!rulesOf(afterFix.mapped).includes('run-as-non-root'), rulesOf(afterFix.mapped).join());
  });

  test('a patch of the overlay that already targets the resource gets the fix: no new file, the kustomization unchanged', async () => {
    const own = 'overlays/prod/resources.yaml';
    const withPatch: Record<string, string> = {
      ...layoutFiles,
      'overlays/prod/kustomization.yaml': layoutFiles['overlays/prod/kustomization.yaml'].replace('patches:\n', 'patches:\n  - path: resources.yaml\n'),
      [own]: `# Production sizing.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3 # three zones
  template:
    spec:
      containers:
        - name: app
          resources:
            limits:
              memory: 512Mi
`,
    };
    const root = layout(withPatch);
    const all = Object.keys(withPatch);
    const { fix } = overlayFix(root, await mapOf(root, all, 'prod', baseline), 'run-as-non-root');
    assert.equal(fix.create, undefined);
    assert.equal(fix.kustomizationEdit, undefined);
    assert.equal(fix.existing?.file, join(root, own));
    applyOverlayFix(root, fix);
    const now = read(root, all);
    assert.equal(now[own], withPatch[own] + '      securityContext:\n        runAsNonRoot: true\n');
    for (const file of all.filter((f) => f !== own)) assert.equal(now[file], withPatch[file], file);
    assert.deepEqual(rulesOf(await mapOf(root, all, 'prod', baseline)), ['host-namespaces']);
  });

  test("a base resource in its own namespace: the patch names it, as Kustomize matches the base's id under the overlay's namespace", async () => {
    const namespaced = { ...layoutFiles, 'base/deployment.yaml': layoutFiles['base/deployment.yaml'].replace('  name: web\n', '  name: web\n  namespace: shop\n') };
    const root = layout(namespaced);
    const all = Object.keys(namespaced);
    const { fix } = overlayFix(root, await mapOf(root, all, 'prod', baseline), 'run-as-non-root');
    assert.match(fix.create!.text, /\nmetadata:\n {2}name: web\n {2}namespace: shop\n/);
    applyOverlayFix(root, fix);
    assert.deepEqual(rulesOf(await mapOf(root, [...all, 'overlays/prod/deployment-web-run-as-non-root.patch.yaml'], 'prod', baseline)), ['host-namespaces']);
  });
});
