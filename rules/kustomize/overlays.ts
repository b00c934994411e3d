// Which kustomizations are overlays (built by nobody else, so each is one rendering to check) and
// what each one builds from: its own kustomization, its components and the kustomizations below it,
// transitively — the files whose patches and resources a finding of its rendering can come from.

import { posix, win32 } from 'node:path';
import type { KustomizationFact } from './facts';

const dirOf = (file: string) => (/^(?:[a-zA-Z]:[\\/]|\\\\)/.test(file) ? win32 : posix).dirname(file);

/** The folder a kustomization builds (its own folder). */
export function kustomizationDir(fact: KustomizationFact): string {
  return dirOf(fact.at.file);
}

/** A key named by `resources`/`components` can be the folder or the kustomization file itself. */
function includedBy(facts: readonly KustomizationFact[]): Set<string> {
  const included = new Set<string>();
  for (const f of facts) for (const key of [...f.resources, ...f.components]) included.add(key);
  return included;
}

/** Kustomizations (not Components) that no other kustomization of the workspace includes. */
export function overlaysOf(facts: readonly KustomizationFact[]): KustomizationFact[] {
  const included = includedBy(facts);
  const seen = new Set<string>();
  return facts.filter((f) => {
    if (f.kind === 'Component' || seen.has(f.at.file)) return false;
    seen.add(f.at.file);
    return !included.has(kustomizationDir(f)) && !included.has(f.at.file);
  });
}

/** The overlay and every kustomization it builds from, the overlay first. */
export function overlayTree(overlay: KustomizationFact, facts: readonly KustomizationFact[]): KustomizationFact[] {
  const byKey = new Map<string, KustomizationFact>();
  for (const f of facts) {
    byKey.set(f.at.file, f);
    if (!byKey.has(kustomizationDir(f))) byKey.set(kustomizationDir(f), f);
  }
  const out: KustomizationFact[] = [];
  const visit = (f: KustomizationFact) => {
    if (out.includes(f)) return;
    out.push(f);
    for (const key of [...f.resources, ...f.components]) {
      const next = byKey.get(key);
      if (next) visit(next);
    }
  };
  visit(overlay);
  return out;
}

/** Every file of the workspace that belongs to the overlay's tree: its kustomizations, patches, resources and tool files. */
export function filesOfTree(tree: readonly KustomizationFact[]): Set<string> {
  const out = new Set<string>();
  for (const f of tree) {
    out.add(f.at.file);
    for (const key of f.resources) out.add(key);
    for (const p of f.patches) out.add(p.file);
    for (const key of f.toolFiles) out.add(key);
  }
  return out;
}

/** What the report calls the overlay: its folder's name (`prod` for `overlays/prod`). */
export function overlayName(overlay: KustomizationFact): string {
  const dir = kustomizationDir(overlay);
  return dir.split(/[\\/]/).filter(Boolean).pop() ?? dir;
}
