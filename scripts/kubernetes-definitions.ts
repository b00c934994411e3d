// Reads the reference's Kubernetes API definitions (cdk8s-team/cdk8s, swagger-style JSON Schema), kept
// as `v1.N.0-definitions.json` or gzipped beside it, for the generators that derive tables from them.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The `definitions` of Kubernetes 1.`minor` in `dir`, or undefined when `dir` has none for it. */
export function readDefinitions<T>(dir: string, minor: number): Record<string, T> | undefined {
  const plain = join(dir, `v1.${minor}.0-definitions.json`);
  const text = existsSync(plain) ? readFileSync(plain, 'utf8') : existsSync(`${plain}.gz`) ? gunzipSync(readFileSync(`${plain}.gz`)).toString('utf8') : undefined;
  return text === undefined ? undefined : (JSON.parse(text) as { definitions: Record<string, T> }).definitions;
}
