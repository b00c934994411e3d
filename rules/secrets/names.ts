// Which names look like they hold a credential (`DB_PASSWORD`, `apiKey`, `client-secret`), and which
// only talk about one (`PASSWORD_FILE`, `TOKEN_URL`, `SECRET_NAME`): a name is split into words and
// judged on them, so `passwordPolicy` and `tokenTtl` are not credentials while `dbPassword` is.

/** Single words that name a credential. */
const credentialWords = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'pass',
  'secret',
  'secrets',
  'token',
  'tokens',
  'credential',
  'credentials',
  'creds',
  'apikey',
  'privatekey',
  'accesskey',
  'secretkey',
  'clientsecret',
  'authtoken',
  'accesstoken',
  'refreshtoken',
  'bearertoken',
  'sessiontoken',
  'webhooksecret',
]);

/** Word pairs that name a credential (`api key`, `private key` …). */
const credentialPairs = new Set([
  'api key',
  'access key',
  'private key',
  'secret key',
  'client secret',
  'signing key',
  'encryption key',
  'master key',
  'auth key',
  'license key',
  'shared key',
  'account key',
  'storage key',
  'session key',
  'hmac key',
  'sas token',
]);

/**
 * A last word that makes the name about a credential rather than the credential itself:
 * where it lives, what it is called, how long it lasts, whether it is on.
 */
const metaSuffixes = new Set([
  'file',
  'files',
  'path',
  'dir',
  'directory',
  'name',
  'names',
  'ref',
  'id',
  'ids',
  'url',
  'uri',
  'endpoint',
  'host',
  'port',
  'type',
  'kind',
  'ttl',
  'expiry',
  'expires',
  'expiration',
  'lifetime',
  'timeout',
  'length',
  'len',
  'size',
  'min',
  'max',
  'count',
  'policy',
  'enabled',
  'enable',
  'disabled',
  'required',
  'version',
  'header',
  'field',
  'mount',
  'location',
  'provider',
  'mode',
  'format',
  'algorithm',
  'algo',
  'hash',
  'store',
  'namespace',
  'label',
  'selector',
  'duration',
  'interval',
  'rotation',
  'issuer',
  'audience',
  'scope',
  'scopes',
]);

/**
 * Words that may follow a credential word in a name that still holds the credential itself
 * (`SECRET_KEY_BASE`, `API_TOKEN_VALUE`, `DB_PASSWORD_2`). Any other word after it makes the name
 * about something else: `SECRETS_BACKEND`, `TOKEN_EXCHANGE_STRATEGY`, `PASSWORD_HASHER`.
 */
const valueTails = new Set(['value', 'val', 'key', 'base', 'str', 'string', 'data', 'raw', 'plain', 'text', 'b64', 'base64', 'hex', 'pem']);

function onlyValueTail(words: readonly string[], from: number): boolean {
  return words.slice(from).every((w) => valueTails.has(w) || /^v?\d+$/.test(w));
}

/** Run-together names such as `PGPASSWORD` or `MYSQLROOTPASSWORD`: the credential word ends the word. */
const credentialSuffix = /^[a-z]+(password|passwd|passphrase|secret|token|apikey)$/;

/** Splits `dbPassword`, `DB_PASSWORD`, `db-password`, `db.password` into lower-case words. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The kind of credential a name announces (`password`, `token`, `API key` …), or undefined. */
const nameCache = new Map<string, string | undefined>();

export function credentialNameKind(name: string, extraNames: readonly string[] = []): string | undefined {
  // Names repeat across every container of a manifest: judge each once (bounded, like scanText's memo).
  const key = extraNames.length ? `${extraNames.join('\u0000')}\u0001${name}` : name;
  if (nameCache.has(key)) return nameCache.get(key);
  if (nameCache.size >= 4096) nameCache.clear();
  const kind = judgeName(name, extraNames);
  nameCache.set(key, kind);
  return kind;
}

function judgeName(name: string, extraNames: readonly string[]): string | undefined {
  const words = wordsOf(name);
  if (words.length === 0) return undefined;
  const lower = name.toLowerCase();
  for (const extra of extraNames) {
    if (extra && lower.includes(extra.toLowerCase())) return 'credential';
  }
  if (metaSuffixes.has(words[words.length - 1]) && words.length > 1) return undefined;
  for (let i = 0; i < words.length; i++) {
    const pair = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : '';
    // A connection string is not a credential by its name: many hold only a host or a file path.
    // Those that carry one are found by their value (`Password=`, `AccountKey=`, a URL with a password).
    if (pair && credentialPairs.has(pair) && onlyValueTail(words, i + 2)) return pair.replace(/^api /, 'API ');
    const word = words[i];
    if (!onlyValueTail(words, i + 1)) continue;
    const suffix = credentialSuffix.exec(word)?.[1];
    if (!credentialWords.has(word) && !suffix) continue;
    // `pass` alone is too common (`pass-through`, `bypass`) unless it ends the name: `DB_PASS`.
    if (word === 'pass' && i !== words.length - 1) continue;
    const base = suffix ?? word;
    if (/^(password|passwd|pwd|pass|passphrase)$/.test(base)) return 'password';
    if (/token/.test(base)) return 'token';
    if (/key$/.test(base)) return base === 'apikey' ? 'API key' : base.replace(/key$/, ' key');
    if (/cred/.test(base)) return 'credential';
    return 'secret';
  }
  return undefined;
}
