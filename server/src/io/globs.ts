// Exclusion globs in the syntax of VS Code's `files.exclude` and `kubeHarden.exclude`: `**`, `*`, `?`,
// `{a,b}`, `[…]`, matched against forward-slash paths relative to the workspace folder.

/** A glob as a regular expression over forward-slash paths relative to the workspace folder. */
export function globToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/');
  if (g.startsWith('./')) g = g.slice(2);
  if (g.startsWith('/')) g = g.slice(1);
  let out = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slashBefore = i === 0 || g[i - 1] === '/';
        const slashAfter = g[i + 2] === '/';
        if (slashBefore && slashAfter) {
          out += '(?:.*/)?';
          i += 2;
        } else {
          out += '.*';
          i += 1;
        }
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else if (c === '[') {
      const end = g.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${g
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Compiled exclusion globs: a path is excluded when it, or a folder above it, matches one. */
export class ExcludeMatcher {
  private readonly patterns: RegExp[];

  constructor(globs: readonly string[]) {
    this.patterns = globs.filter((g) => typeof g === 'string' && g.trim() !== '').map(globToRegExp);
  }

  get empty(): boolean {
    return this.patterns.length === 0;
  }

  /** `path` relative to the workspace folder, with forward slashes. */
  excludes(path: string): boolean {
    if (this.patterns.length === 0) return false;
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (this.patterns.some((p) => p.test(prefix))) return true;
    }
    return false;
  }
}

/** The globs of a `files.exclude`-style object whose value is `true`. */
export function enabledGlobs(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v === true)
    .map(([k]) => k);
}
