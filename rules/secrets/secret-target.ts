// Where "Move to a Secret" puts a value: a Secret name no Secret of the workspace has in the namespace,
// in a file named after the manifest, so that two manifests of one folder (web-dev.yaml and
// web-prod.yaml, both Deployment `web`) never write into one file Secrets that replace each other.

import type { RuleContext } from '../../server/src/engine';
import { secretKeys } from './facts';

/** Files the "Move to a Secret" suggestion writes values into; the suggestion also git-ignores them. */
export const ignoredPattern = '*.secret.yaml';

/** A DNS-1123 subdomain made from `parts` (Secret names), at most 253 characters. */
export function secretName(...parts: string[]): string {
  const name = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return (name || 'secret').slice(0, 253).replace(/[-.]+$/, '');
}

/**
 * The files that may receive the value, by preference: `<manifest>.secret.yaml` beside the manifest
 * (`<workload>.secret.yaml` when the manifest has no file name), then a `.local` variant for when
 * git tracks the first (a committed SOPS file, say), which must never receive a plaintext value.
 */
export function targetFiles(file: string, workloadName: string): string[] {
  const base = /\.ya?ml$/i.test(file) ? (file.split(/[\\/]/).pop() ?? '').replace(/\.ya?ml$/i, '') : '';
  const stem = base.replace(/^[-.]+/, '') || secretName(workloadName);
  return [`${stem}.secret.yaml`, `${stem}.local.secret.yaml`];
}

/**
 * `wanted`, or `wanted-2`, `-3`…: the first name no Secret of the workspace has where the new one may
 * land (its namespace; any, when either has none), so applying it never replaces another Secret.
 */
export function unusedSecretName(ctx: RuleContext, wanted: string): string {
  const namespace = ctx.resource.namespace;
  const meets = (other: string | null) => other === namespace || other === null || namespace === null;
  const taken = new Set(
    ctx.workspace
      .facts(secretKeys)
      .filter((s) => meets(s.namespace))
      .map((s) => s.name),
  );
  let name = wanted;
  for (let n = 2; taken.has(name); n++) name = secretName(wanted.slice(0, 240), String(n));
  return name;
}
