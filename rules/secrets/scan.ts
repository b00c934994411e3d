// Credential detection for the `secrets` rules: known formats (secretlint's recommended scanners plus
// our own), credential-like names, embedded files, and what is never a secret. Results of a text are
// memoised: re-checking a manifest after a keystroke re-scans only the values that changed.

import { findFlags, findFormats, Detection } from './formats';
import { findNamedEntries } from './embedded';

export type { Detection } from './formats';
export { credentialNameKind, wordsOf } from './names';
export { isPlaceholder, isReference, containsReference, isTemplateExpression, notASecret } from './placeholders';
export { secretlintRuleIds, runSecretlint } from './secretlint';
export { findFlags, findFormats } from './formats';
export { findNamedEntries } from './embedded';

export interface ScanOptions {
  /** Extra substrings that make a name credential-like (the `secrets.credentialNames` setting). */
  extraNames?: readonly string[];
  /** Also read `key=value` / `key: value` / `"key": "value"` entries of embedded files. */
  entries?: boolean;
  /** Also read `--password=x` style flags. */
  flags?: boolean;
}

const cacheLimit = 4096;
const cache = new Map<string, Detection[]>();

/** Every credential found in `text`, by format and (when asked) by name; memoised per text and options. */
export function scanText(text: string, options: ScanOptions = {}): Detection[] {
  if (text.length < 4) return [];
  const extra = options.extraNames ?? [];
  const key = `${options.entries ? 1 : 0}${options.flags ? 1 : 0}${extra.join('\u0000')}\u0001${text}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const found = findFormats(text);
  const more = [...(options.entries ? findNamedEntries(text, extra) : []), ...(options.flags ? findFlags(text, extra) : [])];
  for (const d of more) if (!found.some((f) => f.start < d.end && d.start < f.end)) found.push(d);
  found.sort((a, b) => a.start - b.start);
  // A bounded memo: dropping everything at the limit is cheaper than tracking recency, and a
  // manifest that large re-scans once.
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(key, found);
  return found;
}

/** The distinct kinds of a set of detections, for a message: `GitHub token`, `password and JWT`. */
export function describeKinds(detections: readonly Detection[]): string {
  const kinds = [...new Set(detections.map((d) => d.kind))];
  if (kinds.length <= 1) return kinds[0] ?? 'credential';
  return `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}`;
}
