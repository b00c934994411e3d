// Renders an overlay of a layout on disk with the real `kubectl kustomize`, checks and maps it as the
// CLI and the server do, and applies a layout fix to the files: the round trip the overlay-fix tests
// verify (the finding gone from the rendering, the other files unchanged).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, Config, Edit, lint, parseManifest, ParsedFile } from '../../server/src/engine';
import { renderKustomization } from '../../server/src/io/kustomize-render';
import { checkRendering, KustomizationFact, kustomizations, overlayTree, rules as catalog } from '../../rules';
import { overlayFiles } from './kustomize-overlays';
import { workspaceOf } from './workspace';

// The runtime and images rules (which flag most fixtures' unpinned images and unset resources) are left
// out: these tests are about mapping a rendering back to its files, with the Pod Security findings.
const rules = catalog.filter((r) => r.meta.category !== 'runtime' && r.meta.category !== 'images');

const restrictedNamespace = (name: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
    pod-security.kubernetes.io/enforce: restricted
`;

/**
 * A base without `runAsNonRoot`, fine at the baseline level the workspace checks; both overlays put it
 * into a namespace that enforces restricted. `prod` also adds `hostNetwork` with an inline JSON 6902 patch.
 */
export const layoutFiles: Record<string, string> = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'base/deployment.yaml': overlayFiles['base/deployment.yaml'].replace('        runAsNonRoot: true\n', ''),
  'overlays/prod/kustomization.yaml': `# The production overlay.
resources:
  - ../../base
  - namespace.yaml
namespace: prod
namePrefix: prod-
patches:
  - patch: |-
      - op: add
        path: /spec/template/spec/hostNetwork
        value: true
    target:
      kind: Deployment
`,
  'overlays/prod/namespace.yaml': restrictedNamespace('prod'),
  'overlays/staging/kustomization.yaml': 'resources:\n  - ../../base\n  - namespace.yaml\nnamespace: staging\n',
  'overlays/staging/namespace.yaml': restrictedNamespace('staging'),
};

/** Every file of the layout, by path relative to `root`, as the disk has it now. */
export function read(root: string, files: readonly string[]): Record<string, string> {
  return Object.fromEntries(files.filter((f) => existsSync(join(root, f))).map((f) => [f, readFileSync(join(root, f), 'utf8')]));
}

/** The overlay at `overlays/<name>` rendered, checked at `config` and mapped, its files read from disk. */
export async function renderAndMap(root: string, files: readonly string[], name: string, config: Config) {
  const texts = Object.fromEntries(Object.entries(read(root, files)).map(([f, t]) => [join(root, f), t]));
  const model = workspaceOf(texts);
  const facts = model.view(join(root, 'base/kustomization.yaml')).facts(kustomizations) as readonly KustomizationFact[];
  const overlay = facts.find((f) => f.at.file === join(root, 'overlays', name, 'kustomization.yaml'))!;
  const parsed = new Map<string, ParsedFile>();
  const source = (file: string) => {
    if (!(file in texts)) return undefined;
    if (!parsed.has(file)) parsed.set(file, parseManifest(texts[file]));
    return parsed.get(file);
  };
  const plain = (file: string) => {
    const p = source(file);
    return p ? lint(p, { config, rules, workspace: model.view(file) }).findings.map((f) => ({ ruleId: f.ruleId, line: p.lines.position(f.offset).line, resource: f.resource })) : [];
  };
  const result = await renderKustomization(join(root, 'overlays', name), { command: 'kubectl kustomize' });
  if (!result.ok) throw new Error(`rendering failed: ${result.message}`);
  const mapped = checkRendering({ text: result.text, originBase: result.originBase, overlay, tree: overlayTree(overlay, facts), source, plain, options: { config, rules } });
  return { mapped, rendered: result.text, overlay, source };
}

export function edit(root: string, file: string, edits: readonly Edit[]): void {
  const path = file.startsWith('/') ? file : join(root, file);
  writeFileSync(path, applyEdits(readFileSync(path, 'utf8'), edits));
}
