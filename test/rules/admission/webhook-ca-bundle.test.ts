// Certificates are real, made by the test with Node's crypto; the clock is fixed at 2026-06-01.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, mergeConfig, setClock } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { caBundleOf, selfSignedCertificate } from '../../helpers/certificates';
import { ruleTester } from '../../helpers/rule-tester';
import { repairedSeedWebhook } from '../../helpers/seed-webhook';
import { deploymentRule, quiet, serviceConfig, webhookConfig } from '../../helpers/webhooks';

setClock(() => new Date('2026-06-01T12:00:00Z'));

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const valid = selfSignedCertificate('hooks-ca', day('2026-01-01'), day('2027-01-01'));
const expired = selfSignedCertificate('old-ca', day('2024-01-01'), day('2026-05-31'));
const future = selfSignedCertificate('new-ca', day('2026-07-01'), day('2028-01-01'));
const withBundle = (bundle: string) => webhookConfig(`${quiet}${deploymentRule}${serviceConfig('hooks', 'demo-webhook', `      caBundle: ${bundle}\n`)}`);
const privateKeyPem = '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n';

ruleTester('webhook-ca-bundle', {
  valid: [
    { name: 'a certificate valid today', code: withBundle(caBundleOf(valid)) },
    { name: 'base64 wrapped over lines', code: withBundle(`|\n        ${caBundleOf(valid).replace(/.{60}/g, '$&\n        ')}`) },
    { name: 'no bundle (webhook-ca-bundle-missing’s)', code: webhookConfig(`${quiet}${deploymentRule}${serviceConfig('hooks')}`) },
    { name: 'an empty bundle (webhook-ca-bundle-missing’s)', code: withBundle('""') },
    { name: 'a Helm template', code: withBundle('"{{ .Values.caBundle }}"') },
  ],
  invalid: [
    { name: "the seed article's ${CA_BUNDLE}", code: repairedSeedWebhook, errors: [{ messageId: 'placeholder', line: 20, column: 15, endColumn: 27 }], output: null },
    { name: 'not base64', code: withBundle('not-base64!'), errors: [{ messageId: 'notBase64', line: 18, column: 17, endColumn: 28 }], output: null },
    { name: 'base64 of something else', code: withBundle(Buffer.from('hello').toString('base64')), errors: [{ messageId: 'notPem', line: 18, column: 17 }], output: null },
    { name: 'a PEM block that is no certificate', code: withBundle(caBundleOf(privateKeyPem)), errors: [{ messageId: 'notCertificate', line: 18, column: 17 }], output: null },
    { name: 'an expired certificate', code: withBundle(caBundleOf(expired)), errors: [{ messageId: 'expired', line: 18, column: 17 }], output: null },
    { name: 'a certificate not valid yet', code: withBundle(caBundleOf(future)), errors: [{ messageId: 'notYetValid', line: 18, column: 17 }], output: null },
    { name: 'a valid and an expired certificate', code: withBundle(caBundleOf(valid, expired)), errors: [{ messageId: 'expired', line: 18, column: 17 }], output: null },
  ],
});

test('the messages give the day a certificate expired or becomes valid, by the clock', () => {
  const messages = (bundle: string) =>
    check(withBundle(bundle), { config: mergeConfig(), rules })
      .findings.filter((f) => f.ruleId === 'webhook-ca-bundle')
      .map((f) => f.message);
  assert.deepEqual(messages(caBundleOf(expired)), ['caBundle of webhook "demo.example.com" holds a certificate that expired on 2026-05-31']);
  assert.deepEqual(messages(caBundleOf(future)), ['caBundle of webhook "demo.example.com" holds a certificate that is not valid before 2026-07-01']);
  const restore = setClock(() => new Date('2026-05-30T00:00:00Z'));
  assert.deepEqual(messages(caBundleOf(expired)), []);
  restore();
});
