// Evaluates a CEL expression in the policy family's environment and prints the value as CEL would write
// it (`6`, `3.5`, `'text'`, `[1, 2]`, `{'k': ['v']}`, `net.IP('10.0.0.1')`), or `error: …`: tables
// compare text, which reads like the Kubernetes documentation's examples.

import { isCelList, isCelMap, isCelUint } from '@bufbuild/cel';
import type { CelValue } from '@bufbuild/cel';
import { isReflectMessage } from '@bufbuild/protobuf/reflect';
import { compile } from '../../../rules/policy/cel-eval';

export function evaluate(expression: string, bindings: Record<string, unknown> = {}): string {
  const compiled = compile(expression, Object.keys(bindings));
  if (!compiled.ok) return `invalid: ${compiled.problem.message}`;
  const result = compiled.run(bindings);
  return result.ok ? show(result.value) : `error: ${result.error}`;
}

export function show(value: CelValue): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number') return /^-?\d+$/.test(String(value)) ? `${value}.0` : String(value);
  if (isCelUint(value)) return `${value.value}u`;
  if (isCelList(value)) return `[${[...value].map(show).join(', ')}]`;
  if (isCelMap(value)) return `{${[...value].map(([k, v]) => `${show(k as CelValue)}: ${show(v)}`).join(', ')}}`;
  if (isReflectMessage(value)) return `${value.desc.typeName}('${(value.message as unknown as { value: string }).value}')`;
  return String(value);
}

/** Runs a table of `[expression, printed result]`: the failures, empty when all agree. */
export function mismatches(table: ReadonlyArray<readonly [string, string]>): string[] {
  return table
    .map(([expression, expected]) => [expression, expected, evaluate(expression)])
    .filter(([, expected, actual]) => (expected.endsWith('…') ? !actual.startsWith(expected.slice(0, -1)) : actual !== expected))
    .map(([e, x, a]) => `${e}: expected ${x}, got ${a}`);
}
