// Reading a webhook's `caBundle` as the API server does: base64 of PEM certificates, each parsed
// with Node's X509Certificate and checked against the engine's clock.

import { X509Certificate } from 'node:crypto';
import { now } from '../../server/src/engine';

export type BundleProblem =
  { kind: 'empty' } | { kind: 'placeholder' } | { kind: 'notBase64' } | { kind: 'notPem' } | { kind: 'notCertificate' } | { kind: 'expired'; date: string } | { kind: 'notYetValid'; date: string };

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;
const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** What is wrong with a caBundle value, or undefined when it holds only certificates valid now. */
export function bundleProblem(value: string): BundleProblem | undefined {
  const text = value.replace(/\s+/g, '');
  if (text === '') return { kind: 'empty' };
  // An envsubst-style placeholder that was meant to be replaced before applying.
  if (/\$\{[^}]*\}|^\$[A-Za-z_]\w*$/.test(value.trim())) return { kind: 'placeholder' };
  if (!base64.test(text) || text.length % 4 !== 0) return { kind: 'notBase64' };
  const decoded = Buffer.from(text, 'base64').toString('latin1');
  const blocks = decoded.match(pemBlock);
  if (!blocks) return { kind: 'notPem' };
  const at = now().getTime();
  for (const block of blocks) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch {
      return { kind: 'notCertificate' };
    }
    const from = new Date(cert.validFrom);
    const to = new Date(cert.validTo);
    if (to.getTime() < at) return { kind: 'expired', date: day(to) };
    if (from.getTime() > at) return { kind: 'notYetValid', date: day(from) };
  }
  return undefined;
}

function day(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'an unreadable date' : date.toISOString().slice(0, 10);
}

/** Annotations by which a controller writes the caBundle into the configuration after it is applied. */
export const injectionAnnotations = ['cert-manager.io/inject-ca-from', 'cert-manager.io/inject-ca-from-secret', 'cert-manager.io/inject-apiserver-ca', 'service.beta.openshift.io/inject-cabundle'];
