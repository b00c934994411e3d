// The settings of a webhook entry the API server rejects or that make it misbehave: side effects
// that break dry-run, AdmissionReview versions without v1, timeouts out of range or long enough to
// stall every matching request, and `matchPolicy: Exact` that lets requests through other versions
// pass unseen. Fields v1 requires are the schema rules' (schema-required-field).

import { asSeq, defineRule, known, Node } from '../../server/src/engine';
import { appendField, setField } from './webhook-fixes';
import { failurePolicyOf, field, nameOf, rulesOf, Webhook, webhookKinds, webhooksOf } from './webhook-model';
import type { RuleContext } from '../../server/src/engine';

const messages = {
  sideEffects: 'webhook "{name}" declares sideEffects {value}, which admissionregistration.k8s.io/v1 rejects',
  sideEffectsDefault: 'webhook "{name}" has no sideEffects, so it defaults to Unknown and every dry-run request it matches is rejected',
  reviewVersions: 'admissionReviewVersions of webhook "{name}" do not include v1',
  reviewVersionsDefault: 'webhook "{name}" has no admissionReviewVersions, so it receives only v1beta1 AdmissionReviews',
  timeoutRange: 'timeoutSeconds {value} of webhook "{name}" is outside 1 to 30, which the API server rejects',
  timeoutLong: 'webhook "{name}" fails closed after {value} seconds: every request it matches can wait that long',
  exact: 'matchPolicy Exact: webhook "{name}" does not see requests made through other versions of its resources',
  exactDefault: 'webhook "{name}" has no matchPolicy, so v1beta1 defaults it to Exact: requests through other versions of its resources pass unseen',
};

type Id = keyof typeof messages;

export default defineRule<Id>({
  id: 'webhook-settings',
  meta: {
    title: 'Webhooks must declare valid side effects, review versions, timeout and match policy',
    description:
      'sideEffects other than None or NoneOnDryRun, admissionReviewVersions without v1, timeouts outside 1 to 30 seconds or over 10 when failing closed, and matchPolicy Exact with version-specific rules.',
    category: 'admission',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: webhookKinds,
    scope: 'document',
    fix: 'safe',
    messages,
    hint: 'Declare `sideEffects: None`, `admissionReviewVersions: [v1]`, `timeoutSeconds` of 10 or less and `matchPolicy: Equivalent`.',
  },
  fixTitles: { reviewVersions: 'Add v1 to admissionReviewVersions', reviewVersionsDefault: 'Declare admissionReviewVersions: [v1beta1, v1]' },
  check(ctx) {
    for (const w of webhooksOf(ctx.resource)) {
      sideEffects(ctx, w);
      reviewVersions(ctx, w);
      timeout(ctx, w);
      matchPolicy(ctx, w);
    }
  },
});

const none = (w: Webhook) => ({ title: 'Declare sideEffects: None (assumes the webhook changes nothing outside the request)', fix: setField(w, ['sideEffects'], 'None') });

function sideEffects(ctx: RuleContext<Id>, w: Webhook): void {
  const node = field(w, ['sideEffects']);
  const value = known(node);
  if (w.v1 && (value === 'Some' || value === 'Unknown')) ctx.report({ node: node!, messageId: 'sideEffects', data: { name: nameOf(w), value }, suggestions: [none(w)] });
  if (!w.v1 && node === undefined) ctx.report({ node: w.anchor, messageId: 'sideEffectsDefault', data: { name: nameOf(w) }, suggestions: [none(w)] });
}

function reviewVersions(ctx: RuleContext<Id>, w: Webhook): void {
  const node = field(w, ['admissionReviewVersions']);
  const seq = asSeq(node);
  // The API server sends the first version of the list it speaks: adding v1 last changes nothing today.
  if (seq && seq.items.length > 0 && seq.items.every((i) => typeof known(i as Node) === 'string') && !seq.items.some((i) => known(i as Node) === 'v1')) {
    ctx.report({ node: keyOf(w, 'admissionReviewVersions'), messageId: 'reviewVersions', data: { name: nameOf(w) }, fix: appendField(w, ['admissionReviewVersions'], ['v1']) });
  }
  if (!w.v1 && node === undefined) ctx.report({ node: w.anchor, messageId: 'reviewVersionsDefault', data: { name: nameOf(w) }, fix: setField(w, ['admissionReviewVersions'], ['v1beta1', 'v1']) });
}

function keyOf(w: Webhook, key: string): Node {
  const pair = w.map.items.find((p) => known(p.key as Node) === key);
  return (pair?.key as Node) ?? w.anchor;
}

function timeout(ctx: RuleContext<Id>, w: Webhook): void {
  const node = field(w, ['timeoutSeconds']);
  const value = known(node);
  if (typeof value !== 'number') return;
  const suggestions = [{ title: 'Set timeoutSeconds: 10 (assumes the webhook answers within 10 seconds)', fix: setField(w, ['timeoutSeconds'], 10) }];
  if (value < 1 || value > 30) ctx.report({ node: node!, messageId: 'timeoutRange', data: { name: nameOf(w), value }, suggestions });
  else if (value > 10 && failurePolicyOf(w).value === 'Fail') ctx.report({ node: node!, messageId: 'timeoutLong', data: { name: nameOf(w), value }, suggestions });
}

function matchPolicy(ctx: RuleContext<Id>, w: Webhook): void {
  const node = field(w, ['matchPolicy']);
  const value = node === undefined ? (w.v1 ? 'Equivalent' : 'Exact') : known(node);
  if (value !== 'Exact') return;
  // Version-specific: some rule names versions rather than `*`.
  const specific = rulesOf(w).some((r) => r.apiVersions && !r.apiVersions.unknown && r.apiVersions.items.length > 0 && !r.apiVersions.items.some((v) => v.value === '*'));
  if (!specific) return;
  const suggestions = [{ title: 'Set matchPolicy: Equivalent (the webhook then also sees requests through other versions, converted to its own)', fix: setField(w, ['matchPolicy'], 'Equivalent') }];
  ctx.report({ node: node ?? w.anchor, messageId: node ? 'exact' : 'exactDefault', data: { name: nameOf(w) }, suggestions });
}
