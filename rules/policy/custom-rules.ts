// Rules the user writes in `.kube-harden.yaml` (`customRules`) or the `kubeHarden.customRules`
// setting: which resources (kinds, namespaces, a label selector) and a CEL expression over `object`
// that is true when a resource complies. Each becomes a rule of category `policy` that the runner
// treats like a built-in one (severities, suppression comments and annotations, the rule lists).

import {
  Config,
  CustomRuleConfig,
  defineRule,
  matches,
  nodeAt,
  Node,
  pairOf,
  asMap,
  parseSelector,
  plain,
  Resource,
  RuleContext,
  RuleDefinition,
  Selector,
  stringMap,
  workloadKinds,
} from '../../server/src/engine';
import { celText, compile, Compiled, toCel } from './cel-eval';

/** The variables an expression may read. */
export const customRuleVariables = ['object', 'namespaceObject'] as const;

/** Rules by the JSON of their definitions: a keystroke in a manifest reuses the same rule objects. */
const built = new Map<string, RuleDefinition>();

/** The rules that the configuration defines, whose expressions compile (the others are config problems). */
export function customRulesOf(config: Config, reserved: ReadonlySet<string>): RuleDefinition[] {
  const out: RuleDefinition[] = [];
  const seen = new Set<string>();
  for (const spec of config.customRules ?? []) {
    // A built-in id or a second rule of the same id is a config problem; only the first one runs.
    if (reserved.has(spec.id) || seen.has(spec.id)) continue;
    seen.add(spec.id);
    const key = JSON.stringify(spec);
    let rule = built.get(key);
    if (!rule) {
      if (built.size > 500) built.clear();
      const made = customRule(spec);
      if (!made) continue;
      built.set(key, (rule = made));
    }
    out.push(rule);
  }
  return out;
}

/** The rule of one definition, or undefined when its expression does not compile. */
export function customRule(spec: CustomRuleConfig): RuleDefinition | undefined {
  const expression = compile(spec.expression, customRuleVariables);
  // An expression that cannot be evaluated offline is a problem of the configuration, reported there.
  if (!expression.ok || expression.offline.length) return undefined;
  const messageExpression = spec.messageExpression === undefined ? undefined : compile(spec.messageExpression, customRuleVariables);
  const title = spec.title ?? spec.id;
  const readsNamespace = /\bnamespaceObject\b/.test(spec.expression + (spec.messageExpression ?? ''));
  const selector = spec.match?.labelSelector ? parseSelector(spec.match.labelSelector) : undefined;
  return defineRule({
    id: spec.id,
    meta: {
      title,
      description: `A custom rule of the configuration: \`${spec.expression}\` must hold.`,
      category: 'policy',
      severity: spec.severity ?? 'warning',
      equivalents: 'none',
      compliance: 'none',
      kinds: spec.match?.kinds?.length ? spec.match.kinds.flatMap((k) => (k === 'workload' ? workloadKinds : [k])) : ['*'],
      // An expression that reads the resource's Namespace is re-checked when a Namespace changes.
      scope: readsNamespace ? 'workspace' : 'document',
      ...(readsNamespace ? { reads: ['Namespace'] } : {}),
      fix: 'none',
      messages: { violated: '{message}', failed: '{title}: the expression could not be evaluated on this resource ({reason})' },
      hint: 'A custom rule of `.kube-harden.yaml` (or the `kubeHarden.customRules` setting).',
    },
    check(ctx) {
      const { resource } = ctx;
      if (!inNamespaces(resource, spec.match?.namespaces) || !selected(resource, selector)) return;
      // A patch does not hold the whole object: what it leaves out is not known to be missing.
      if (ctx.partial) return;
      const bindings = { object: objectOf(ctx), namespaceObject: readsNamespace ? toCel(namespaceObject(ctx)) : null };
      const result = expression.run(bindings);
      const node = narrowestNode(resource, expression);
      if (!result.ok || typeof result.value !== 'boolean') {
        const reason = result.ok ? `it gave ${typeof result.value === 'object' ? 'a value' : celText(result.value)}, not true or false` : redact(result.error, spec.expression);
        ctx.report({ node, messageId: 'failed', data: { title, reason } });
        return;
      }
      if (result.value) return;
      ctx.report({ node, messageId: 'violated', data: { message: messageOf(spec, messageExpression, bindings) } });
    },
  });
}

/**
 * The resource as CEL data, converted once for all the custom rules: kept with the text it was
 * converted from, since a document re-parsed in place keeps its nodes.
 */
const converted = new WeakMap<object, { source: string; value: unknown }>();

export function objectOf(ctx: Pick<RuleContext, 'file' | 'resource'>): unknown {
  const { resource } = ctx;
  const range = (resource.doc.contents ?? resource.root).range;
  const source = range ? ctx.file.text.slice(range[0], range[2]) : '';
  const held = converted.get(resource.root);
  if (held && held.source === source) return held.value;
  const value = toCel(plain(resource.doc, resource.root) ?? null);
  converted.set(resource.root, { source, value });
  return value;
}

function inNamespaces(resource: Resource, namespaces: readonly string[] | undefined): boolean {
  return !namespaces?.length || namespaces.includes(resource.namespace ?? 'default');
}

function selected(resource: Resource, selector: Selector | undefined): boolean {
  if (!selector) return true;
  const labels: Record<string, string | null> = {};
  for (const [key, entry] of stringMap(resource.doc, nodeAt(resource.doc, resource.root, ['metadata']), 'labels')) labels[key] = /\{\{|\$\{/.test(entry.value) ? null : entry.value;
  // An unknown answer (a templated label) produces no finding.
  return matches(selector, { values: labels, unknown: false }) === true;
}

/** The resource's Namespace as the workspace declares it (name, labels, annotations), or null. */
function namespaceObject(ctx: RuleContext): unknown {
  const name = ctx.resource.namespace ?? 'default';
  const found = ctx.workspace.resources({ kind: 'Namespace', name })[0];
  if (!found) return null;
  return { apiVersion: found.apiVersion, kind: 'Namespace', metadata: { name: found.name, labels: { ...found.labels }, annotations: { ...found.annotations } } };
}

function messageOf(spec: CustomRuleConfig, expression: Compiled | undefined, bindings: Record<string, unknown>): string {
  const fallback = spec.message ?? spec.title ?? `custom rule ${spec.id} is violated`;
  if (!expression?.ok) return fallback;
  const result = expression.run(bindings);
  // As the API server does: a messageExpression that fails or gives no string leaves the static message.
  return result.ok && typeof result.value === 'string' && result.value.trim() !== '' ? result.value.replace(/\s*\n\s*/g, ' ') : fallback;
}

/**
 * Where the finding goes: the field the expression reads when it reads one path of `object` only
 * (its key when it is a map or a list), else the resource's name.
 */
export function narrowestNode(resource: Resource, expression: Compiled & { ok: true }): Node {
  const distinct = new Set(expression.paths.map((p) => p.join('.')));
  if (distinct.size !== 1) return resource.anchor;
  const path = expression.paths[0];
  if (path.length === 0) return resource.anchor;
  const node = nodeAt(resource.doc, resource.root, path);
  if (!node) return resource.anchor;
  if (node.range && !('items' in node)) return node;
  const parent = path.length === 1 ? resource.root : asMap(nodeAt(resource.doc, resource.root, path.slice(0, -1)));
  return (pairOf(parent, path[path.length - 1], resource.doc)?.key as Node | undefined) ?? resource.anchor;
}

/**
 * CEL errors may quote a value of the manifest (`int(…)` names the text it could not convert), a
 * secret perhaps: only the errors known to name parts of the expression or types are quoted, and a
 * name only when the expression itself holds it.
 */
export function redact(error: string, expression: string): string {
  const named = /^(field not found|no such key|no such field|unbound function|undeclared reference to)\W+(.*?)\W*$/.exec(error);
  if (named) return expression.includes(named[2]) ? error : named[1];
  if (/^found no matching overload for '[^']*' applied to '\([\w, .<>]*\)'$/.test(error) || /^(division|modulus) by zero$|overflow|index out of (bounds|range)/.test(error)) return error;
  return 'an error in the expression or the data it reads';
}
