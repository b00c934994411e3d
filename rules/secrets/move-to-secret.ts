// The "Move to a Secret" suggestion: rewrites an env entry to `valueFrom.secretKeyRef` and puts the value in a git-ignored Secret manifest beside the manifest.

import { asSeq, Container, Document, Edit, isScalar, Pair, ParsedFile, replaceEntry, RuleContext, Suggestion, YAMLMap } from '../../server/src/engine';
import { secretKeys } from './facts';
import { secretsOf, secretValues } from './secret-values';

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

/** A valid Secret data key (`[-._a-zA-Z0-9]+`) for an env var name. */
export function secretKey(envName: string): string {
  return envName.replace(/[^-._a-zA-Z0-9]+/g, '_') || 'value';
}

/** Replaces the `value` entry of an env item with `valueFrom.secretKeyRef`, in the item's own style. */
function toSecretKeyRef(file: ParsedFile, doc: Document, valuePair: Pair, flow: boolean, name: string, key: string): Edit[] {
  return replaceEntry({ text: file.text, doc }, valuePair, flow, 'valueFrom', { secretKeyRef: { name, key } });
}

/** The Secret manifest text that receives a moved value (appended to a git-ignored file). */
function secretDocument(name: string, namespace: string | null, key: string, value: string, origin: string): string {
  return [
    '---',
    `# Moved here by kube-harden from ${origin}. This file is git-ignored (${ignoredPattern});`,
    '# create the Secret with `kubectl apply -f <this file>`, or seal it (kubeseal, SOPS) before committing it.',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${JSON.stringify(namespace)}`] : []),
    'type: Opaque',
    'stringData:',
    // JSON's string escapes are all valid in a YAML double-quoted scalar: any value round-trips.
    `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
    '',
  ].join('\n');
}

/** The names of a container's env variables. */
function envNames(container: Container): string[] {
  const env = asSeq(container.get(['env']));
  return (env?.items ?? []).flatMap((_, i) => {
    const name = container.get(['env', i, 'name']);
    return isScalar(name) && typeof name.value === 'string' ? [name.value] : [];
  });
}

/**
 * Suggestions for an env entry holding a secret value: reuse a Secret of the same file and namespace
 * that already holds this exact value under this key, else create `<workload>-<key>` in the git-ignored
 * `<workload>.secret.yaml` beside the manifest (one Secret per moved value, so that moving a second value
 * never appends a second Secret of the same name that would replace the first).
 */
export function moveToSecret(ctx: RuleContext, container: Container, item: YAMLMap, valuePair: Pair, envName: string, value: string): Suggestion[] {
  const resource = ctx.resource;
  const workloadName = resource.name || resource.kind.toLowerCase();
  const key = secretKey(envName);
  const flow = item.flow === true;
  const out: Suggestion[] = [];
  for (const other of secretsOf(ctx.file)) {
    if (!other.name || other.namespace !== resource.namespace) continue;
    if (secretValues(other).get(key) === value) {
      out.push({ title: `Use key ${key} of Secret ${other.name} for ${envName}`, fix: (file) => toSecretKeyRef(file, resource.doc, valuePair, flow, other.name, key) });
      return out;
    }
  }
  // The same variable in several containers of the workload may hold different values: each then
  // gets a Secret of its own, named after its container, so no moved value can replace another.
  const sameName = ctx.workload?.containers().filter((c) => envNames(c).includes(envName)).length ?? 0;
  const name = sameName > 1 ? secretName(workloadName, container.name, key) : secretName(workloadName, key);
  // A Secret elsewhere in the workspace that already holds this key: referencing it drops the value
  // from the manifest, so it comes second to the move, which keeps the value.
  const elsewhere = ctx.workspace.facts(secretKeys, resource.namespace).filter((s) => s.at.file !== ctx.workspace.file && s.namespace === resource.namespace && s.keys.includes(key));
  const target = `${secretName(workloadName)}.secret.yaml`;
  const origin = `env ${envName} of container ${container.name} in ${resource.kind}/${workloadName}`;
  out.push({
    title: `Move ${envName} to Secret ${name} (value saved in git-ignored ${target})`,
    fix: (file) => toSecretKeyRef(file, resource.doc, valuePair, flow, name, key),
    files: () => [
      { path: target, mode: 'append', text: secretDocument(name, resource.namespace, key, value, origin) },
      { path: '.gitignore', mode: 'append', text: `${ignoredPattern}\n`, once: true },
    ],
  });
  for (const other of elsewhere) {
    const where = other.at.file.split(/[\\/]/).pop();
    out.push({ title: `Use key ${key} of the existing Secret ${other.name} (${where}) for ${envName}`, fix: (file) => toSecretKeyRef(file, resource.doc, valuePair, flow, other.name, key) });
  }
  return out;
}
