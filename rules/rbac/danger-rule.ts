// What the per-object rules on Role and ClusterRole rules share: each reports the dangers of one
// kind on the verb or resource of the rule entry that grants them, once per item.

import { defineRule, Resource, RuleDefinition, RuleMeta, Suggestion } from '../../server/src/engine';
import { itemOf, RuleEntry, ruleEntries, roleKinds } from './entries';
import { Danger, DangerId, dangersOf } from './permissions';

type Meta = Omit<RuleMeta<'granted'>, 'category' | 'kinds' | 'scope' | 'messages' | 'fix'> & { fix?: RuleMeta['fix'] };

export interface DangerRuleSpec {
  id: string;
  dangers: readonly DangerId[];
  meta: Meta;
  /** "{kind} "{name}" can ..." — what the rule says the role allows; `{value}` is the verb or resource. */
  message: string;
  suggest?: (resource: Resource, entry: RuleEntry, danger: Danger) => Suggestion[];
}

export function dangerRule(spec: DangerRuleSpec): RuleDefinition<'granted'> {
  return defineRule({
    id: spec.id,
    meta: { fix: 'none', ...spec.meta, category: 'rbac', kinds: roleKinds, scope: 'document', messages: { granted: spec.message } },
    check(ctx) {
      const seen = new Set<unknown>();
      for (const entry of ruleEntries(ctx.resource)) {
        for (const danger of dangersOf(entry.rule)) {
          if (!spec.dangers.includes(danger.id)) continue;
          const item = itemOf(entry, danger.on, danger.value);
          if (!item || seen.has(item.node)) continue;
          seen.add(item.node);
          const data = { kind: ctx.resource.kind, name: ctx.resource.name || '(unnamed)', value: danger.value };
          ctx.report({ node: item.node, messageId: 'granted', data, suggestions: spec.suggest?.(ctx.resource, entry, danger) });
        }
      }
    },
  });
}
