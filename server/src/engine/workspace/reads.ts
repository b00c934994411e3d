// What rules read of the workspace, from their metadata: the extractors to run, and the channels
// whose changes must re-check them.

import type { RuleDefinition } from '../rule';
import type { FactExtractor } from './facts';
import { resourceChannel } from './model';

/** Every extractor the rules read, once each. */
export function extractorsOf(rules: readonly RuleDefinition[]): FactExtractor[] {
  const out = new Map<string, FactExtractor>();
  for (const rule of rules) for (const read of rule.meta.reads ?? []) if (typeof read !== 'string') out.set(read.id, read);
  return [...out.values()];
}

/** The channels a rule reads: its extractors' ids and `resources:<Kind>` for each kind it names. */
export function channelsOf(rule: RuleDefinition): string[] {
  return (rule.meta.reads ?? []).map((read) => (typeof read === 'string' ? resourceChannel(read) : read.id));
}
