// Credentials inside files embedded in a value (a ConfigMap's `application.properties`, `.env`,
// `config.json`, `values.yaml`): `key=value`, `key: value` and `"key": "value"` entries whose key
// names a credential. Line-based on purpose: it reads broken or partial files the same way, and a
// finding only needs the entry's key, never a parse of the whole file.

import { credentialNameKind } from './names';
import { Detection } from './formats';
import { containsReference, notASecret } from './placeholders';

/** `.env` (`export KEY=value`), Java properties (`key=value`, `key: value`) and flat or nested YAML (`key: value`). */
const lineEntry = /^[ \t]*(?:export[ \t]+)?(?:-[ \t]+)?([A-Za-z_][A-Za-z0-9_.\-[\]]*)[ \t]*[=:][ \t]*(.*?)[ \t]*$/gm;
/** `"key": "value"` in JSON (and JSON-like) text, nested or not. */
const jsonEntry = /"((?:[^"\\\n]|\\.){1,100})"\s*:\s*"((?:[^"\\\n]|\\.)*)"/g;

function unquote(value: string): string {
  const v = value.replace(/\s+#.*$/, '').trim();
  const quoted = /^(['"])(.*)\1$/.exec(v);
  return quoted ? quoted[2] : v;
}

/** Entries of embedded files whose key names a credential and whose value is a real one. */
export function findNamedEntries(text: string, extraNames: readonly string[] = []): Detection[] {
  const out: Detection[] = [];
  if (!/[=:]/.test(text)) return out;
  const add = (key: string, raw: string, start: number, end: number) => {
    const kind = credentialNameKind(key, extraNames);
    if (!kind) return;
    const value = unquote(raw);
    // `password:` opening a nested block, and `password: |` opening a literal, have no value on the line.
    if (value === '' || /^[|>][+-]?\d*$/.test(value) || /^[{[]/.test(value)) return;
    if (notASecret(value) || containsReference(value)) return;
    if (out.some((d) => d.start < end && start < d.end)) return;
    out.push({ kind, start, end, name: key });
  };
  for (const m of text.matchAll(jsonEntry)) add(m[1], m[2], m.index!, m.index! + m[0].length);
  for (const m of text.matchAll(lineEntry)) add(m[1], m[2], m.index!, m.index! + m[0].length);
  return out.sort((a, b) => a.start - b.start);
}
