// The "Move to a Secret" suggestion: rewrites an env entry to `valueFrom.secretKeyRef` and puts the
// value in the workload's one Secret in a git-ignored manifest beside the manifest: the first move
// creates it, the next ones add their keys to it.

import { asSeq, Container, Document, Edit, FileChange, GitState, isScalar, Pair, ParsedFile, Placement, replaceEntry, RuleContext, scalarText, Suggestion, YAMLMap } from '../../server/src/engine';
import { valueDigest } from './digest';
import { secretKeys, SecretKeysFact } from './facts';
import { addKey } from './secret-merge';
import { ignoredPattern, secretName, targetFiles, unusedSecretName } from './secret-target';

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
    `# Moved here by kube-harden from ${origin}. Keep this file out of git (git-ignore ${ignoredPattern});`,
    '# create the Secret with `kubectl apply -f <this file>`, or seal it (kubeseal, SOPS) before committing it.',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${JSON.stringify(namespace)}`] : []),
    'type: Opaque',
    'stringData:',
    // JSON's string escapes are all valid in a YAML double-quoted scalar: any value round-trips. The key
    // is written as later moves write theirs (plain when it can be).
    `  ${scalarText(key)}: ${JSON.stringify(value)}`,
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

/** What the move says of the file that receives the value, as git sees it. */
function moveTitle(envName: string, name: string, target: string, state: GitState): string {
  const where = state === 'no-repository' ? `${target} (not a git repository: nothing ignores it)` : `git-ignored ${target}`;
  return `Move ${envName} to Secret ${name} (value saved in ${where})`;
}

/** The move's title and files for each file it may write the value into; never one git tracks. */
function placement(envName: string, name: string, targets: string[], secretText: string, merge: FileChange['merge']): Placement {
  const changes = (target: string): FileChange[] => [
    { path: target, mode: 'append', text: secretText, merge },
    { path: '.gitignore', mode: 'append', text: `${ignoredPattern}\n`, once: true },
  ];
  return {
    candidates: targets,
    choose(states) {
      const i = targets.findIndex((_, j) => states[j] !== 'tracked');
      return i < 0 ? undefined : { title: moveTitle(envName, name, targets[i], states[i]), files: changes(targets[i]) };
    },
  };
}

/** The key of a target file (a key of the workspace model): beside the manifest's. */
function keyBeside(file: string, name: string): string {
  return file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1) + name;
}

/**
 * The workload's Secret and the key the value goes under. A Secret of that name in one of the target
 * files is the workload's own (an earlier move made it): the value joins it, under a key it does not
 * hold yet. Otherwise the name is one no Secret of the namespace has.
 */
function destination(ctx: RuleContext, workloadName: string, targets: string[], wantedKey: string, digest: string): { name: string; key: string; own?: SecretKeysFact } {
  const wanted = secretName(workloadName, 'secrets');
  const files = targets.map((t) => keyBeside(ctx.workspace.file, t));
  const own = ctx.workspace.facts(secretKeys, ctx.resource.namespace).find((s) => s.name === wanted && s.namespace === ctx.resource.namespace && files.includes(s.at.file));
  if (!own) return { name: unusedSecretName(ctx, wanted), key: wantedKey };
  let key = wantedKey;
  for (let n = 2; own.keys.includes(key) && own.digests[key] !== digest; n++) key = `${wantedKey}_${n}`;
  return { name: wanted, key, own };
}

/**
 * Suggestions for an env entry holding a secret value: reuse a Secret of the same file and namespace
 * that already holds this exact value under this key, else move it into the workload's Secret
 * (`<workload>-secrets`) in the git-ignored `<manifest>.secret.yaml` beside the manifest.
 */
export function moveToSecret(ctx: RuleContext, container: Container, item: YAMLMap, valuePair: Pair, envName: string, value: string): Suggestion[] {
  const resource = ctx.resource;
  const workloadName = resource.name || resource.kind.toLowerCase();
  const flow = item.flow === true;
  const refTo = (name: string, key: string) => (file: ParsedFile) => toSecretKeyRef(file, resource.doc, valuePair, flow, name, key);
  // The file's Secrets come from the model (its facts from its current text), so a Secret in another
  // `---` document of the file counts even when the server checks documents one at a time.
  const plainKey = secretKey(envName);
  const inNamespace = ctx.workspace.facts(secretKeys, resource.namespace).filter((s) => s.namespace === resource.namespace && s.keys.includes(plainKey));
  const digest = valueDigest(value);
  const same = inNamespace.find((s) => s.at.file === ctx.workspace.file && s.digests[plainKey] === digest);
  if (same) return [{ title: `Use key ${plainKey} of Secret ${same.name} for ${envName}`, fix: refTo(same.name, plainKey) }];
  // The same variable in several containers of the workload may hold different values: each then
  // gets a key of its own, named after its container, so no moved value can replace another.
  const sameName = ctx.workload?.containers().filter((c) => envNames(c).includes(envName)).length ?? 0;
  const targets = targetFiles(ctx.workspace.file, workloadName);
  const { name, key } = destination(ctx, workloadName, targets, sameName > 1 ? secretKey(`${container.name}_${envName}`) : plainKey, digest);
  const origin = `${resource.kind}/${workloadName}`;
  const place = placement(envName, name, targets, secretDocument(name, resource.namespace, key, value, origin), (current) => addKey(current, name, resource.namespace, key, value));
  const unknown = place.choose(targets.map(() => 'unknown'))!;
  const out: Suggestion[] = [{ title: unknown.title, fix: refTo(name, key), files: () => unknown.files, place, reveal: true }];
  // A Secret of another file that already holds this key: referencing it drops the value from the
  // manifest, so it comes second to the move, which keeps the value.
  for (const other of inNamespace.filter((s) => s.at.file !== ctx.workspace.file && s.name !== name)) {
    const where = other.at.file.split(/[\\/]/).pop();
    out.push({ title: `Use key ${plainKey} of the existing Secret ${other.name} (${where}) for ${envName}`, fix: refTo(other.name, plainKey) });
  }
  return out;
}
