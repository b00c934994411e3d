// Records what `kubectl kustomize` renders for the overlays of test/helpers/kustomize-overlays.ts (and
// the `prod` overlay of test/helpers/kustomize-fixture.ts, as `issue-prod.yaml`), with
// origin annotations made relative to the layout's root, as fixtures for the mapping's table tests:
// `npx tsx scripts/record-kustomize-renderings.ts`.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { renderKustomization } from '../server/src/io/kustomize-render';
import { kustomizeFiles } from '../test/helpers/kustomize-fixture';
import { overlayFiles } from '../test/helpers/kustomize-overlays';

async function record(files: Record<string, string>, overlays: Record<string, string>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kube-harden-layout-'));
  try {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    const out = join(__dirname, '..', 'test', 'fixtures', 'kustomize-render');
    mkdirSync(out, { recursive: true });
    for (const [overlay, name] of Object.entries(overlays)) {
      const result = await renderKustomization(join(root, 'overlays', overlay));
      if (!result.ok) throw new Error(result.message);
      const text = result.text.replace(/^(\s+(?:path|configuredIn): )(.+)$/gm, (_, lead: string, path: string) => lead + relative(root, resolve(result.originBase, path)));
      writeFileSync(join(out, `${name}.yaml`), `# Recorded with ${result.command} (scripts/record-kustomize-renderings.ts); origins relative to the layout root.\n${text}`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  await record(overlayFiles, { prod: 'prod', staging: 'staging' });
  await record(kustomizeFiles, { prod: 'issue-prod' });
}

void main();
