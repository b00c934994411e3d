// A webhook whose name says it enforces security policy but fails open: whoever can make it slow or
// unreachable (a crash, a network policy, load) gets every request admitted unchecked. Judged by
// name only — what a webhook does is not in its configuration — so the words are specific.

import { defineRule } from '../../server/src/engine';
import { failurePolicyOf, nameOf, rulesOf, webhookKinds, webhooksOf } from './webhook-model';

/** Names of policy engines and of security checks; `validate`/`validation` alone is config validation. */
const policyWords = /polic(y|ies)|secur|gatekeeper|kyverno|kubewarden|\bopa\b|psp|enforc|constraint|guard|complian|non-?root|seccomp|privileg|image-?sign|cosign|sigstore/i;

export default defineRule({
  id: 'webhook-fail-open-security',
  meta: {
    title: 'Security policy webhooks should fail closed',
    description: 'A webhook named as a security policy check with failurePolicy Ignore admits every request unchecked whenever it is slow or unreachable.',
    category: 'admission',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: webhookKinds,
    scope: 'document',
    fix: 'none',
    messages: {
      failOpen: 'policy webhook "{name}" fails open: requests are admitted unchecked while it is unreachable',
      failOpenDefault: 'policy webhook "{name}" fails open (the default failurePolicy of v1beta1): requests are admitted unchecked while it is unreachable',
    },
    hint: 'Set `failurePolicy: Fail`, run the webhook highly available, and exclude `kube-system` and its own namespace so that failing closed cannot lock the cluster.',
  },
  check(ctx) {
    for (const w of webhooksOf(ctx.resource)) {
      const policy = failurePolicyOf(w);
      if (policy.value !== 'Ignore' || rulesOf(w).length === 0) continue;
      if (!policyWords.test(w.name) && !policyWords.test(w.configuration)) continue;
      ctx.report({ node: policy.node ?? w.anchor, messageId: policy.node ? 'failOpen' : 'failOpenDefault', data: { name: nameOf(w) } });
    }
  },
});
