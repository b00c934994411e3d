// A caBundle the API server cannot use: a placeholder applied as is, text that is not base64 or
// not PEM certificates once decoded, or a certificate outside its validity period. Each makes
// every call to the webhook fail TLS verification.

import { defineRule, scalarValue } from '../../server/src/engine';
import { bundleProblem } from './webhook-ca-bundle-check';
import { field, nameOf, webhookKinds, webhooksOf } from './webhook-model';

export default defineRule({
  id: 'webhook-ca-bundle',
  meta: {
    title: 'Webhook caBundle must hold valid certificates',
    description: 'The caBundle of a webhook must be base64 of PEM certificates that are valid now; a placeholder, garbage or an expired certificate fails every call.',
    category: 'admission',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: webhookKinds,
    scope: 'document',
    fix: 'none',
    messages: {
      placeholder: 'caBundle of webhook "{name}" is an unexpanded placeholder, which kubectl apply sends as is',
      notBase64: 'caBundle of webhook "{name}" is not base64',
      notPem: 'caBundle of webhook "{name}" does not decode to PEM certificates',
      notCertificate: 'caBundle of webhook "{name}" holds a PEM block that is not a certificate',
      expired: 'caBundle of webhook "{name}" holds a certificate that expired on {value}',
      notYetValid: 'caBundle of webhook "{name}" holds a certificate that is not valid before {value}',
    },
    hint: 'Let cert-manager inject the bundle (`cert-manager.io/inject-ca-from`), or write the base64 of the CA certificate that signed the webhook\u2019s serving certificate.',
  },
  check(ctx) {
    for (const w of webhooksOf(ctx.resource)) {
      const node = field(w, ['clientConfig', 'caBundle']);
      const text = scalarValue(node);
      // Helm templates are judged once rendered; `${VAR}` placeholders are reported as such.
      if (typeof text !== 'string' || text.includes('{{')) continue;
      const problem = bundleProblem(text);
      if (!problem || problem.kind === 'empty') continue;
      const data: Record<string, string> = { name: nameOf(w) };
      if (problem.kind === 'expired' || problem.kind === 'notYetValid') data.value = problem.date;
      ctx.report({ node: node!, messageId: problem.kind, data });
    }
  },
});
