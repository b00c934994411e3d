// Values that are not secrets even where a secret is expected: empty ones, references that Kubernetes
// or a shell expands at run time, template expressions, and obvious placeholders. The placeholder
// list is a judgement, documented in rules/secret-in-env.md: words that announce "put the real value
// here" (`<password>`, `REPLACE_ME`, `changeme`), never values that merely look weak, since a weak
// real password is still a leaked one.

/** `$(VAR)` (Kubernetes dependent variables) and `${VAR}` / `$VAR` (shell, envsubst). */
const reference = /\$\([A-Za-z_][A-Za-z0-9_.-]*\)|\$\{[^}]*\}/;
const wholeReference = /^\s*(?:\$\([A-Za-z_][A-Za-z0-9_.-]*\)|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*)\s*$/;
/** Helm, Go templates, Jinja, and the other brace templates. */
const template = /\{\{|\{%|<%=|\{\{-/;

const placeholderWords = new Set([
  'changeme',
  'changeit',
  'change',
  'replaceme',
  'replace',
  'placeholder',
  'todo',
  'tbd',
  'fixme',
  'xxx',
  'example',
  'sample',
  'dummy',
  'fake',
  'redacted',
  'hidden',
  'masked',
  'secret',
  'password',
  'passwd',
  'token',
  'apikey',
  'key',
  'value',
  'none',
  'null',
  'nil',
  'undefined',
  'empty',
  'notset',
  'unset',
  'your',
  'my',
  'some',
  'insert',
  'enter',
  'put',
  'set',
  'here',
  'me',
  'it',
  'this',
  'the',
  'a',
  'an',
  'real',
  'actual',
  'api',
  'access',
  'private',
  'client',
  'db',
  'database',
  'pass',
  'pwd',
  'secretkey',
  'accesskey',
  'privatekey',
  'credential',
  'credentials',
  'to',
  'be',
  'filled',
  'generated',
  'own',
  'goes',
]);

/** True for values Kubernetes or a shell fills in at run time: `$(DB_PASSWORD)`, `${TOKEN}`. */
export function isReference(value: string): boolean {
  return wholeReference.test(value);
}

/** True when the value contains a reference anywhere (`postgres://app:$(DB_PASSWORD)@db/app`). */
export function containsReference(value: string): boolean {
  return reference.test(value);
}

export function isTemplateExpression(value: string): boolean {
  return template.test(value);
}

/** True for obvious placeholders: `<password>`, `[token]`, `REPLACE_ME`, `changeme`, `xxxx`, `****`, `your-api-key`. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^<[^<>]*>$/.test(v) || /^\[[^[\]]*\]$/.test(v) || /^\{[^{}]*\}$/.test(v)) return true;
  // Runs of one filler character: `xxxxxx`, `******`, `......`, `000000`.
  if (/^(.)\1*$/.test(v) && /^[x*.#_\-0?]+$/i.test(v)) return true;
  const words = v
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.length === 0) return true;
  if (words.length > 6) return false;
  // A placeholder padded with one repeated character is still one: `CHANGEME00000000`.
  return words.every((w) => placeholderWords.has(w) || placeholderWords.has(w.replace(/(.)\1{2,}$/, '')) || /^x+$/.test(w));
}

/** Values that switch something rather than hold a secret: `TOKEN_AUTH: "true"`. */
export function isSwitch(value: string): boolean {
  return /^(?:true|false|yes|no|on|off|enabled|disabled|required|optional)$/i.test(value.trim());
}

/** True when a value needs no finding whatever its name: empty, a reference, a template or a placeholder. */
export function notASecret(value: string): boolean {
  let verdict = verdicts.get(value);
  if (verdict === undefined) {
    verdict = value.trim() === '' || isReference(value) || isTemplateExpression(value) || isPlaceholder(value) || isSwitch(value);
    if (verdicts.size >= 4096) verdicts.clear();
    verdicts.set(value, verdict);
  }
  return verdict;
}

/** Memoised verdicts: a manifest is re-checked on every keystroke, its values mostly unchanged. */
const verdicts = new Map<string, boolean>();
