// Shared by the `secrets` rules: reading string values, the configured extra credential names, the
// Secrets of a file, and the "Move to a Secret" suggestion, which rewrites an env entry to
// `valueFrom.secretKeyRef` and puts the value in a git-ignored Secret manifest beside the manifest.

import {
  Container,
  Edit,
  isScalar,
  Node,
  nodeAt,
  Pair,
  ParsedFile,
  Resource,
  resourcesOf,
  RuleContext,
  Scalar,
  stringEntries,
  asMap,
  asSeq,
  Suggestion,
  YAMLMap,
} from '../../server/src/engine';

/** The hint every secrets finding shows in the hover: where a secret value belongs instead. */
export const secretsHint =
  'Keep secret values out of git: reference a Secret created with `kubectl create secret`, or commit an encrypted form — a SealedSecret (Bitnami Sealed Secrets), an ExternalSecret (External Secrets Operator, from a vault or cloud secret manager) or a SOPS-encrypted file. For a test fixture, disable the rule for this resource.';

/** Files the "Move to a Secret" suggestion writes values into; the suggestion also git-ignores them. */
export const ignoredPattern = '*.secret.yaml';

export function extraNames(ctx: RuleContext): readonly string[] {
  return ctx.config.secrets?.credentialNames ?? [];
}

/** A scalar's value as a string (numbers and booleans as written), or undefined for anything else. */
export function stringOf(node: Node | null | undefined): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return typeof node.value === 'string' ? node.value : node.source ?? String(node.value);
}

/** Strict base64 as the API server decodes `data` (Go's StdEncoding, which skips line breaks). */
export function decodeBase64(text: string): string | undefined {
  const compact = text.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** A Secret's values by key, decoded: `stringData` over `data`, as the API server merges them. */
export function secretValues(resource: Resource): Map<string, string> {
  const out = new Map<string, string>();
  const data = asMap(nodeAt(resource.doc, resource.root, ['data']));
  for (const e of stringEntries(data, resource.doc)) {
    const decoded = typeof e.value === 'string' ? decodeBase64(e.value) : undefined;
    if (decoded !== undefined) out.set(e.key, decoded);
  }
  const stringData = asMap(nodeAt(resource.doc, resource.root, ['stringData']));
  for (const e of stringEntries(stringData, resource.doc)) if (e.value !== undefined) out.set(e.key, String(e.value));
  return out;
}

export function isSecret(resource: Resource): boolean {
  return resource.kind === 'Secret' && resource.apiVersion === 'v1';
}

/** The Secrets of a parsed file, recognised once per parse rather than once per finding. */
const fileSecrets = new WeakMap<ParsedFile, Resource[]>();
function secretsOf(file: ParsedFile): Resource[] {
  let found = fileSecrets.get(file);
  if (!found) {
    found = resourcesOf(file).filter(isSecret);
    fileSecrets.set(file, found);
  }
  return found;
}

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
function toSecretKeyRef(file: ParsedFile, valuePair: Pair, flow: boolean, name: string, key: string): Edit[] {
  const keyNode = valuePair.key as Scalar;
  const valueNode = valuePair.value as Node;
  const start = keyNode.range![0];
  let end = valueNode.range![1];
  // A block scalar's range takes its final line break; the break belongs to the line, keep it.
  while (end > start && (file.text[end - 1] === '\n' || file.text[end - 1] === '\r')) end--;
  if (flow) return [{ offset: start, length: end - start, text: `valueFrom: {secretKeyRef: {name: ${name}, key: ${key}}}` }];
  const column = start - file.text.lastIndexOf('\n', start - 1) - 1;
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  const pad = (n: number) => ' '.repeat(column + n);
  return [{ offset: start, length: end - start, text: `valueFrom:${eol}${pad(2)}secretKeyRef:${eol}${pad(4)}name: ${name}${eol}${pad(4)}key: ${key}` }];
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
      out.push({ title: `Use key ${key} of Secret ${other.name} for ${envName}`, fix: (file) => toSecretKeyRef(file, valuePair, flow, other.name, key) });
      return out;
    }
  }
  // The same variable in several containers of the workload may hold different values: each then
  // gets a Secret of its own, named after its container, so no moved value can replace another.
  const sameName = ctx.workload?.containers().filter((c) => envNames(c).includes(envName)).length ?? 0;
  const name = sameName > 1 ? secretName(workloadName, container.name, key) : secretName(workloadName, key);
  // A Secret elsewhere in the workspace that already holds this key: referencing it drops the value
  // from the manifest, so it comes second to the move, which keeps the value.
  const elsewhere = ctx.workspace.secretsIn(resource.namespace).filter((s) => s.file !== ctx.workspace.own.file && s.keys.includes(key));
  const target = `${secretName(workloadName)}.secret.yaml`;
  const origin = `env ${envName} of container ${container.name} in ${resource.kind}/${workloadName}`;
  out.push({
    title: `Move ${envName} to Secret ${name} (value saved in git-ignored ${target})`,
    fix: (file) => toSecretKeyRef(file, valuePair, flow, name, key),
    files: () => [
      { path: target, mode: 'append', text: secretDocument(name, resource.namespace, key, value, origin) },
      { path: '.gitignore', mode: 'append', text: `${ignoredPattern}\n`, once: true },
    ],
  });
  for (const other of elsewhere) {
    const where = other.file.split(/[\\/]/).pop();
    out.push({ title: `Use key ${key} of the existing Secret ${other.name} (${where}) for ${envName}`, fix: (file) => toSecretKeyRef(file, valuePair, flow, other.name, key) });
  }
  return out;
}

