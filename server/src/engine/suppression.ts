// Suppression by rule id only, never by message text: an `ignore.kube-harden.io/<rule-id>`
// annotation on the resource or its pod template, or `# kube-harden-ignore <rule-id>` on the line above.
// Other linters' suppression annotations count too (unless `peerSuppressions: false`), for every rule
// whose `meta.equivalents` names the peer's check, so a team moving over keeps its reviewed exceptions.

import { nodeAt } from './yaml-ast';
import { Resource, stringMap } from './resources';
import { Workload } from './workload';
import { RuleDefinition } from './rule';

export const ignoreAnnotationPrefix = 'ignore.kube-harden.io/';
export const ignoreCommentPattern = /#\s*kube-harden-ignore\s+([a-z0-9-]+(?:[\s,]+[a-z0-9-]+)*)/;

/** kube-harden rule ids per peer check id, one map per peer whose annotations are read. */
export interface PeerIndex {
  kubeLinter: Map<string, string[]>;
  polaris: Map<string, string[]>;
  checkov: Map<string, string[]>;
}

const peerIndexes = new WeakMap<readonly RuleDefinition[], PeerIndex>();

export function peerIndex(rules: readonly RuleDefinition[]): PeerIndex {
  let index = peerIndexes.get(rules);
  if (index) return index;
  index = { kubeLinter: new Map(), polaris: new Map(), checkov: new Map() };
  for (const rule of rules) {
    const equivalents = rule.meta.equivalents;
    if (equivalents === 'none') continue;
    for (const peer of ['kubeLinter', 'polaris', 'checkov'] as const) {
      for (const id of equivalents[peer] ?? []) {
        const ids = index[peer].get(id) ?? [];
        ids.push(rule.id);
        index[peer].set(id, ids);
      }
    }
  }
  peerIndexes.set(rules, index);
  return index;
}

const kubeLinterPrefix = 'ignore-check.kube-linter.io/';
const polarisPrefix = 'polaris.fairwinds.com/';
const checkovSkip = /^checkov\.io\/skip\d+$/;

/** Without `peers`, only kube-harden's own annotations count. */
export function suppressedByAnnotation(resource: Resource, workload: Workload | undefined, peers?: PeerIndex): Set<string> {
  const ids = new Set<string>();
  const add = (ruleIds: readonly string[] | undefined) => ruleIds?.forEach((id) => ids.add(id));
  const collect = (annotations: Map<string, { value: string }>) => {
    for (const [key, { value }] of annotations) {
      if (key.startsWith(ignoreAnnotationPrefix)) ids.add(key.slice(ignoreAnnotationPrefix.length));
      if (!peers) continue;
      if (key.startsWith(kubeLinterPrefix)) add(peers.kubeLinter.get(key.slice(kubeLinterPrefix.length)));
      else if (key.startsWith(polarisPrefix)) {
        // Polaris exempts only when the value is "true"; any other value keeps the check.
        if (value.trim().toLowerCase() !== 'true') continue;
        const name = key.slice(polarisPrefix.length);
        if (name === 'exempt') for (const ruleIds of peers.polaris.values()) add(ruleIds);
        else if (name.endsWith('-exempt')) add(peers.polaris.get(name.slice(0, -'-exempt'.length)));
      } else if (checkovSkip.test(key)) {
        // `CKV_K8S_16=reason`: the id is what precedes the first `=`.
        add(peers.checkov.get(value.split('=')[0].trim()));
      }
    }
  };
  collect(stringMap(resource.doc, nodeAt(resource.doc, resource.root, ['metadata']), 'annotations'));
  if (workload) collect(workload.annotations());
  return ids;
}

/** Rule ids named by a `# kube-harden-ignore` comment on the line before the one holding `offset` (or `also`). */
export function suppressedByComment(text: string, offset: number, also?: number): string[] {
  const ids = commentAbove(text, offset);
  return also === undefined ? ids : [...ids, ...commentAbove(text, also)];
}

function commentAbove(text: string, offset: number): string[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (lineStart === 0) return [];
  const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const previous = text.slice(previousStart, lineStart);
  const match = ignoreCommentPattern.exec(previous);
  if (!match || previous.trimStart()[0] !== '#') return [];
  return match[1].split(/[\s,]+/).filter(Boolean);
}
