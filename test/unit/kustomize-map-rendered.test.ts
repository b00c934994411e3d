// The mapping of an overlay's rendered findings back to the files the user edits, table-tested on
// renderings recorded with `kubectl kustomize` (test/fixtures/kustomize-render, made by
// scripts/record-kustomize-renderings.ts from test/helpers/kustomize-overlays.ts).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { lint, mergeConfig, parseManifest, ParsedFile, resourcesOf } from '../../server/src/engine';
import { checkRendering, KustomizationFact, kustomizations, locate, overlaysOf, overlayTree, pathAt, rules as catalog } from '../../rules';
import { overlayFiles, prodLines } from '../helpers/kustomize-overlays';
import { kustomizeFiles, privilegedLine, privilegedPatch } from '../helpers/kustomize-fixture';
import { workspaceOf } from '../helpers/workspace';

// The runtime and images rules (which flag most fixtures' unpinned images and unset resources) are left
// out: these tests are about mapping a rendering back to its files, with the Pod Security findings.
const rules = catalog.filter((r) => r.meta.category !== 'runtime' && r.meta.category !== 'images');

const root = '/ws';
const under = (layout: Record<string, string>) => Object.fromEntries(Object.entries(layout).map(([k, v]) => [`${root}/${k}`, v]));
const files = under(overlayFiles);
const config = mergeConfig({});
/** The 1-based line of the first occurrence of `needle`. */
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

function setup(files = under(overlayFiles)) {
  const model = workspaceOf(files);
  const facts = model.view(`${root}/base/kustomization.yaml`).facts(kustomizations) as readonly KustomizationFact[];
  const parsed = new Map<string, ParsedFile>();
  const source = (file: string) => {
    if (!(file in files)) return undefined;
    if (!parsed.has(file)) parsed.set(file, parseManifest(files[file]));
    return parsed.get(file);
  };
  const plain = (file: string) => {
    const p = source(file);
    if (!p) return [];
    return lint(p, { config, rules, workspace: model.view(file) }).findings.map((f) => ({ ruleId: f.ruleId, line: p.lines.position(f.offset).line, resource: f.resource }));
  };
  return { facts, source, plain };
}

/** `edit` changes the recorded rendering; `dedupe: false` maps as if the plain check had found nothing. */
function mapOverlay(name: string, edit: (text: string) => string = (t) => t, dedupe = true, layout = overlayFiles, recording = name) {
  const { facts, source, plain: checked } = setup(under(layout));
  const plain = dedupe ? checked : () => [];
  const overlay = facts.find((f) => f.at.file === `${root}/overlays/${name}/kustomization.yaml`)!;
  const text = edit(readFileSync(join(__dirname, '..', 'fixtures', 'kustomize-render', `${recording}.yaml`), 'utf8'));
  const mapped = checkRendering({ text, originBase: root, overlay, tree: overlayTree(overlay, facts), source, plain, options: { config, rules } });
  return mapped.map((m) => ({ file: m.file.slice(root.length + 1), line: source(m.file)!.lines.position(m.offset).line + 1, rule: m.finding.ruleId, via: m.via, message: m.finding.message }));
}

describe('overlays of a workspace', () => {
  test('an overlay is a kustomization that no other includes; the base is none', () => {
    const { facts } = setup();
    assert.deepEqual(
      overlaysOf(facts)
        .map((f) => f.at.file.slice(root.length + 1))
        .sort(),
      ['overlays/prod/kustomization.yaml', 'overlays/staging/kustomization.yaml'],
    );
  });

  test("an overlay's tree holds the base it builds from", () => {
    const { facts } = setup();
    const prod = facts.find((f) => f.at.file.endsWith('prod/kustomization.yaml'))!;
    assert.deepEqual(
      overlayTree(prod, facts).map((f) => f.at.file.slice(root.length + 1)),
      ['overlays/prod/kustomization.yaml', 'base/kustomization.yaml'],
    );
  });
});

describe('rendered findings mapped back', () => {
  test('prod: privileged on the patch line that sets it, the removed runAsNonRoot on the 6902 operation', () => {
    const mapped = mapOverlay('prod');
    const byRule = new Map(mapped.map((m) => [m.rule, m]));
    assert.deepEqual(byRule.get('privileged-container'), undefined, 'the plain check already reports the patch line: deduped');
    assert.deepEqual(
      mapped.filter((m) => m.rule === 'run-as-non-root').map((m) => [m.file, m.line, m.via]),
      [['overlays/prod/remove-non-root.yaml', prodLines.removeOp, 'json6902']],
    );
    assert.match(byRule.get('run-as-non-root')!.message, /\(in overlay prod\)$/);
    // Nothing lands on the base: it is hardened, and no finding of the rendering comes from it.
    assert.deepEqual(
      mapped.filter((m) => m.file.startsWith('base/')),
      [],
    );
  });

  test('without the dedupe, the privileged value lands on the patch line that sets it', () => {
    const mapped = mapOverlay('prod', undefined, false);
    assert.deepEqual(
      mapped.filter((m) => m.rule === 'privileged-container').map((m) => [m.file, m.line, m.via]),
      [['overlays/prod/privileged.yaml', prodLines.privileged, 'patch']],
    );
  });

  test('a value no patch sets lands on the same field of the base file the origin names', () => {
    const mapped = mapOverlay('staging', (t) => t.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true'));
    assert.deepEqual(
      mapped.map((m) => [m.file, m.line, m.rule, m.via]),
      [['base/deployment.yaml', lineOf(overlayFiles['base/deployment.yaml'], 'allowPrivilegeEscalation'), 'allow-privilege-escalation', 'base']],
    );
    assert.match(mapped[0].message, /\(in overlay staging\)$/);
  });

  test('a field the base lacks altogether lands on the base resource name', () => {
    const mapped = mapOverlay('staging', (t) => t.replace('      containers:\n', '      hostNetwork: true\n      containers:\n'));
    assert.deepEqual(
      mapped.filter((m) => m.rule === 'host-namespaces').map((m) => [m.file, m.line, m.via]),
      [['base/deployment.yaml', 4, 'base']],
    );
  });

  test('staging: a rendering of the hardened base with a suffix adds nothing', () => {
    assert.deepEqual(mapOverlay('staging'), []);
  });
});

describe('the layout of the issue: components, prefix and suffix, namespace, every kind of patch', () => {
  test('the rendering adds nothing the files do not already show', () => {
    assert.deepEqual(mapOverlay('prod', undefined, true, kustomizeFiles, 'issue-prod'), []);
  });

  test('its origin names the kustomization (after a JSON 6902 patch): the base is found by name, the patch line still wins', () => {
    const mapped = mapOverlay('prod', undefined, false, kustomizeFiles, 'issue-prod');
    assert.deepEqual(
      mapped.map((m) => [m.file, m.line, m.rule, m.via]),
      [[privilegedPatch, privilegedLine, 'privileged-container', 'patch']],
    );
  });

  test('a value changed in the rendering only lands on the base file found by name', () => {
    const mapped = mapOverlay('prod', (t) => t.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true'), true, kustomizeFiles, 'issue-prod');
    assert.deepEqual(
      mapped.map((m) => [m.file, m.line, m.rule, m.via]),
      [['base/deployment.yaml', lineOf(kustomizeFiles['base/deployment.yaml'], 'allowPrivilegeEscalation'), 'allow-privilege-escalation', 'base']],
    );
  });
});

describe('paths into YAML trees', () => {
  test('a container field is reached through the container name, as strategic merge matches it', () => {
    const file = parseManifest(files[`${root}/overlays/prod/privileged.yaml`]);
    const [r] = resourcesOf(file);
    const offset = file.text.indexOf('true');
    const { path, onKey } = pathAt(r.doc, r.root, offset);
    assert.deepEqual(path, ['spec', 'template', 'spec', 'containers', { name: 'app' }, 'securityContext', 'privileged']);
    assert.equal(onKey, false);
    assert.equal(locate(r.doc, r.root, path)?.node.range?.[0], offset);
  });
});
