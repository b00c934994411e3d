// Reads the upstream Pod Security Admission fixtures from ../shared (or KUBE_HARDEN_PSA_FIXTURES).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const fixturesRoot = process.env.KUBE_HARDEN_PSA_FIXTURES ?? resolve(__dirname, '../../../shared/reference/pod-security-admission');

export interface CheckInfo {
  id: string;
  level: 'baseline' | 'restricted';
  versions: string[];
  overrides: string[];
  overrides_from: string | null;
}

export const checks: CheckInfo[] = JSON.parse(readFileSync(join(fixturesRoot, 'checks.json'), 'utf8'));

export interface Fixture {
  level: 'baseline' | 'restricted';
  minor: number;
  expect: 'pass' | 'fail';
  /** The check id the file name names (`base` for the base pass fixtures). */
  check: string;
  file: string;
  text: string;
}

const byLowerId = new Map(checks.map((c) => [c.id.toLowerCase(), c.id]));

export function fixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const level of ['baseline', 'restricted'] as const) {
    for (const dir of readdirSync(join(fixturesRoot, level))) {
      const minor = Number(dir.replace(/^v1\./, ''));
      for (const expect of ['pass', 'fail'] as const) {
        const folder = join(fixturesRoot, level, dir, expect);
        if (!existsSync(folder)) continue;
        for (const name of readdirSync(folder).sort()) {
          const stem = name.replace(/\d*\.yaml$/, '');
          const check = byLowerId.get(stem) ?? stem;
          out.push({ level, minor, expect, check, file: join(folder, name), text: readFileSync(join(folder, name), 'utf8') });
        }
      }
    }
  }
  return out;
}

/** The check that reports a fixture of `check` at this level and version: itself, or the restricted check that overrides it. */
export function reportingCheck(check: string, level: 'baseline' | 'restricted', minor: number): string {
  if (level === 'restricted') {
    for (const c of checks) {
      if (c.overrides.includes(check) && c.overrides_from && minor >= Number(c.overrides_from.split('.')[1])) return c.id;
    }
  }
  return check;
}
