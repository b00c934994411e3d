// A rule that throws must not pass silently: its resource gets a finding that says the rule could not
// check it, so a violation the rule would have reported is not mistaken for a clean result.

import { Resource } from './resources';
import { Finding } from './rule';
import { MergeLimitError } from './yaml-merge';
import { span } from './yaml-ast';

export const internalErrorId = 'internal-error';

/**
 * Why a rule failed, in words that hold no text of the manifest: an error's message may quote
 * values (a secret among them), so only messages the engine writes itself are passed on.
 */
export function failureReason(error: unknown): string {
  if (error instanceof MergeLimitError) return error.message;
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'the YAML nests or refers to itself too deeply';
  const name = error instanceof Error && /^\w{1,40}$/.test(error.name) ? error.name : 'an error';
  return `the rule failed with ${name}`;
}

/** The finding that stands for a rule that threw on a resource, at the resource's name (or kind). */
export function failureFinding(ruleId: string, error: unknown, resource: Resource): Finding {
  const [start, end] = span(resource.anchor);
  return {
    ruleId: internalErrorId,
    category: 'internal',
    severity: 'warning',
    message: `kube-harden could not check rule ${ruleId} on this resource: ${failureReason(error)}.`,
    messageId: 'rule-failed',
    offset: start,
    length: end - start,
    resource: resource.ref,
    pss: null,
    documentIndex: resource.document.index,
    failedRule: ruleId,
    equivalents: {},
    compliance: {},
    suggestions: [],
  };
}
