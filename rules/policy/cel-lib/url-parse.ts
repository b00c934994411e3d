// URLs as Go's net/url.ParseRequestURI reads them (the Kubernetes URL library uses it): an absolute URL
// with a scheme, or an absolute path; no fragment handling (a `#` stays in the query or path); and
// EscapedPath, Hostname, Port and Query as Go computes them.

export interface ParsedUrl {
  scheme: string;
  host: string;
  /** The path as written; `path` is its unescaped form. */
  rawPath: string;
  path: string;
  rawQuery: string;
}

const hostAllowed = /^[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"%]*$/;

/** The URL of `text`, or Go's error message. */
export function parseUrl(text: string): ParsedUrl | string {
  if (/[\x00-\x1f\x7f]/.test(text)) return `parse "${text}": net/url: invalid control character in URL`;
  let rest = text;
  let rawQuery = '';
  const question = rest.indexOf('?');
  if (question >= 0) [rest, rawQuery] = [rest.slice(0, question), rest.slice(question + 1)];
  let scheme = '';
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+\-.]*):/.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1].toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
  } else if (/^[A-Za-z0-9+\-.]*:/.test(rest) && !rest.startsWith('/')) return `parse "${text}": first path segment in URL cannot contain colon`;
  if (!rest.startsWith('/')) return `parse "${text}": invalid URI for request`;
  let host = '';
  if (scheme && rest.startsWith('//')) {
    const end = rest.indexOf('/', 2);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    rest = end < 0 ? '' : rest.slice(end);
    host = authority.slice(authority.lastIndexOf('@') + 1);
    const problem = hostProblem(host);
    if (problem) return `parse "${text}": ${problem}`;
  }
  const path = unescape(rest);
  if (path === undefined) return `parse "${text}": invalid URL escape`;
  return { scheme, host, rawPath: rest, path, rawQuery };
}

function hostProblem(host: string): string | undefined {
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0) return "missing ']' in host";
    const port = host.slice(close + 1);
    return port === '' || /^:\d*$/.test(port) ? undefined : `invalid port "${port}" after host`;
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !/^:\d*$/.test(host.slice(colon))) return `invalid port "${host.slice(colon)}" after host`;
  return hostAllowed.test(host) ? undefined : `invalid character in host name`;
}

function unescape(text: string, plusIsSpace = false): string | undefined {
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%') {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (plusIsSpace && text[i] === '+') bytes.push(0x20);
    else bytes.push(...Buffer.from(text[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Go's shouldEscape for a path: unreserved characters and `$&+,/:;=@` stay. */
const keepInPath = /[A-Za-z0-9\-_.~$&+,/:;=@]/;
/** Go's validEncoded: what may stay unescaped in a path as written. */
const validInPath = /^[A-Za-z0-9\-_.~$&+,/:;=@!'()*[\]%]*$/;

export function escapedPath(u: ParsedUrl): string {
  if (u.rawPath && validInPath.test(u.rawPath) && unescape(u.rawPath) === u.path) return u.rawPath;
  let out = '';
  for (const byte of Buffer.from(u.path, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && keepInPath.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function hostname(u: ParsedUrl): string {
  if (u.host.startsWith('[')) return u.host.slice(1, u.host.indexOf(']'));
  const colon = u.host.lastIndexOf(':');
  return colon < 0 ? u.host : u.host.slice(0, colon);
}

export function port(u: ParsedUrl): string {
  const close = u.host.startsWith('[') ? u.host.indexOf(']') : -1;
  const colon = u.host.lastIndexOf(':');
  return colon > close ? u.host.slice(colon + 1) : '';
}

/** Go's url.Query(): pairs split at `&`, those with `;` or a bad escape left out. */
export function query(u: ParsedUrl): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pair of u.rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const equals = pair.indexOf('=');
    const key = unescape(equals < 0 ? pair : pair.slice(0, equals), true);
    const value = unescape(equals < 0 ? '' : pair.slice(equals + 1), true);
    if (key === undefined || value === undefined) continue;
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}
