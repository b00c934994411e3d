// Shared by the resource rules: which requests and limits a container leaves to chance, counting
// the defaults a LimitRange of its namespace in the workspace supplies.

import { isTemplatedText, unknowable } from '../../server/src/engine';
import type { Container, Node, RuleContext } from '../../server/src/engine';
import { limitRanges } from './facts';

/** `memory.request` → `resources.requests.memory`. */
function pathOf(field: string): string[] {
  const [resource, kind] = field.split('.');
  return ['resources', kind === 'limit' ? 'limits' : 'requests', resource];
}

/** The defaults LimitRanges of the resource's namespace supply; undefined when the namespace is a template. */
export function namespaceDefaults(ctx: RuleContext): Set<string> | undefined {
  const namespace = ctx.resource.namespace;
  if (namespace !== null && isTemplatedText(namespace)) return undefined;
  const out = new Set<string>();
  for (const range of ctx.workspace.facts(limitRanges, namespace)) if (range.namespaceUnknown || range.namespace === namespace) for (const s of range.supplies) out.add(s);
  return out;
}

/** The fields of `wanted` the container neither sets nor gets from a LimitRange; [] when unknowable. */
export function missingResources(c: Container, wanted: readonly string[], defaults: Set<string>): string[] {
  for (const path of [['resources'], ['resources', 'requests'], ['resources', 'limits']]) if (unknowable(c.get(path))) return [];
  const unset = (field: string) => {
    const node = c.get(pathOf(field));
    return node === undefined || ((node as { value?: unknown }).value === null && !('items' in node));
  };
  // Kubernetes copies a limit to the request that is not set.
  return wanted.filter((field) => !defaults.has(field) && unset(field) && !(field.endsWith('.request') && unset(field.replace('.request', '.limit')) === false));
}

/** Where a missing resource is reported: the container's `resources` key when it has one, else its name. */
export function resourcesAnchor(c: Container): Node {
  return c.key(['resources']) ?? c.anchor;
}

export const resourceLabels: Record<string, string> = {
  'memory.request': 'memory request',
  'memory.limit': 'memory limit',
  'cpu.request': 'CPU request',
  'cpu.limit': 'CPU limit',
};

/** "memory request", "memory request or CPU request", "a, b or c". */
export function listOf(fields: readonly string[]): string {
  const labels = fields.map((f) => resourceLabels[f]);
  return labels.length < 2 ? labels.join('') : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}
