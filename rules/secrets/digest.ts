// Telling whether two Secrets hold the same value without keeping the value: the workspace model
// holds, for each key, a digest keyed by a random per-process key, so no stored digest can be
// checked against guessed passwords outside this process, and none is the same from one run to the next.

import { createHmac, randomBytes } from 'node:crypto';

const processKey = randomBytes(32);

/** A digest of a secret value, comparable within this process only. */
export function valueDigest(value: string): string {
  return createHmac('sha256', processKey).update(value, 'utf8').digest('base64url').slice(0, 22);
}
