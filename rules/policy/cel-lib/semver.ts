// The Kubernetes semver library (Kubernetes 1.34): isSemver(), semver() with optional normalisation
// (a leading `v` removed, missing minor and patch filled with 0, leading zeros dropped), major(),
// minor(), patch() and comparisons by Semantic Versioning 2.0.0 precedence (build metadata ignored).

import { celFunc, celMethod, CelScalar } from '@bufbuild/cel';
import type { CelFunc } from '@bufbuild/cel';
import { opaque } from './types';

const { BOOL, INT, STRING } = CelScalar;

export interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string[];
}

const numeric = /^(0|[1-9]\d*)$/;
const strict = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

function normalise(text: string): string {
  const body = text.startsWith('v') ? text.slice(1) : text;
  const cut = body.search(/[-+]/);
  const core = cut < 0 ? body : body.slice(0, cut);
  const parts = core.split('.');
  if (parts.length > 3 || parts.some((p) => !/^\d+$/.test(p))) return text;
  while (parts.length < 3) parts.push('0');
  return parts.map((p) => String(BigInt(p))).join('.') + (cut < 0 ? '' : body.slice(cut));
}

/** The version of `text`, or an error message. */
export function parseSemver(text: string, normalize = false): Version | string {
  const match = strict.exec(normalize ? normalise(text) : text);
  const pre = match?.[4]?.split('.') ?? [];
  if (!match || pre.some((id) => /^\d+$/.test(id) && !numeric.test(id))) return `could not parse semver '${text}'`;
  return { major: BigInt(match[1]), minor: BigInt(match[2]), patch: BigInt(match[3]), pre };
}

export function compareSemver(a: Version, b: Version): number {
  for (const key of ['major', 'minor', 'patch'] as const) if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  // A pre-release ranks below its release; identifiers compare numerically, then as text.
  if (a.pre.length === 0 || b.pre.length === 0) return Math.sign(b.pre.length - a.pre.length);
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const [x, y] = [a.pre[i], b.pre[i]];
    if (x === y) continue;
    const [nx, ny] = [numeric.test(x), numeric.test(y)];
    if (nx && ny) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return Math.sign(a.pre.length - b.pre.length);
}

export const semverType = opaque<Version>('kubernetes.Semver');
const S = semverType.type;
const read = (value: unknown) => semverType.read(value)!;
const text = (v: Version) => `${v.major}.${v.minor}.${v.patch}${v.pre.length ? `-${v.pre.join('.')}` : ''}`;

function semver(input: string, normalize: boolean) {
  const parsed = parseSemver(input, normalize);
  if (typeof parsed === 'string') throw new Error(parsed);
  return semverType.make(parsed, text(parsed)) as never;
}

export const semvers: CelFunc[] = [
  celFunc('isSemver', [STRING], BOOL, (input) => typeof parseSemver(input) !== 'string'),
  celFunc('isSemver', [STRING, BOOL], BOOL, (input, normalize) => typeof parseSemver(input, normalize) !== 'string'),
  celFunc('semver', [STRING], S, (input) => semver(input, false)),
  celFunc('semver', [STRING, BOOL], S, semver),
  ...(['major', 'minor', 'patch'] as const).map((part) =>
    celMethod(part, S, [], INT, function () {
      return read(this)[part];
    }),
  ),
  celMethod('compareTo', S, [S], INT, function (other) {
    return BigInt(compareSemver(read(this), read(other)));
  }),
  celMethod('isGreaterThan', S, [S], BOOL, function (other) {
    return compareSemver(read(this), read(other)) > 0;
  }),
  celMethod('isLessThan', S, [S], BOOL, function (other) {
    return compareSemver(read(this), read(other)) < 0;
  }),
];
