// Whether a YAML value has the type the API declares, read as the API server reads it (YAML 1.1, as
// the engine parses it), and the lossless rewrite when one exists: `"1000"` → `1000` for an integer,
// `80` → `"80"` for a string. Quantities follow the grammar of k8s.io/apimachinery's ParseQuantity.

import { isMap, isScalar, isSeq } from '../../server/src/engine';
import type { Node, Scalar } from '../../server/src/engine';
import { closestField } from './suggest';

export interface TypeProblem {
  expected: string;
  actual: string;
  /** The replacement text of the value when the intended value is certain. */
  fix?: string;
  /** A quantity the malformed one most likely meant (`512mb` → `512Mi`): a guess, offered as a suggestion. */
  guess?: string;
}

const expectedWords: Record<string, string> = { s: 'a string', i: 'an integer', n: 'a number', b: 'a boolean', I: 'an integer or a string', Q: 'a resource quantity' };

/** What a type code asks for, in words. */
export function expectedOf(code: string): string {
  if (code.startsWith('[')) return 'a list';
  if (code.startsWith('@') || code.startsWith('{') || code === 'o') return 'a mapping';
  return expectedWords[code] ?? 'a value';
}

export function actualOf(node: Node): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  const value = (node as Scalar).value;
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return 'a string';
}

// <signedNumber><suffix>: a binary (Ki … Ei) or decimal (n u m "" k M G T P E) SI suffix, or an exponent.
const quantity = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

export function isQuantity(text: string): boolean {
  return quantity.test(text);
}

/** `512mb` → `512Mi`, `1GB` → `1Gi`, `2 G` → `2G`: the usual slips, when the number itself is sound. */
function quantityGuess(text: string): string | undefined {
  const match = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!match) return undefined;
  const [, number, unit] = match;
  const binary = /^([kmgtpe])(i|ib|b)$/i.exec(unit);
  if (binary) return `${number}${binary[1].toUpperCase() === 'K' ? 'Ki' : `${binary[1].toUpperCase()}i`}`;
  const guess = `${number}${unit}`;
  return isQuantity(guess) && guess !== text ? guess : undefined;
}

const integerText = /^[-+]?(0|[1-9]\d*)$/;
const numberText = /^[-+]?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * The value as Kubernetes decodes it. Two YAML 1.1 readings of the yaml package differ from go-yaml v2's:
 * a timestamp (`2024-01-01`) stays a string there, and base 60 (`12:30`) is no number there.
 */
function decoded(node: Scalar): unknown {
  return node.value instanceof Date || (node.format === 'TIME' && typeof node.value === 'number') ? String(node.source ?? node.value) : node.value;
}

/** The problem of a scalar where the API wants `code` (a scalar type), or undefined when it fits. */
export function scalarProblem(node: Scalar, code: string, source: string): TypeProblem | undefined {
  const value = decoded(node);
  if (value === null || value === undefined) return undefined;
  const expected = expectedOf(code);
  const actual = typeof value === 'string' ? 'a string' : actualOf(node);
  const text = node.range ? source.slice(node.range[0], node.range[1]) : '';
  const plain = node.type === 'PLAIN' && !/[\r\n]/.test(text);
  const quoted = (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && typeof value === 'string';
  switch (code) {
    case 's':
      // A plain `80`, `true` or `1.10` is read as a number or boolean: quoting its text keeps what was written.
      if (typeof value === 'string') return undefined;
      return { expected, actual, fix: plain ? JSON.stringify(text) : undefined };
    case 'i':
      if (typeof value === 'number' && Number.isInteger(value)) return undefined;
      return { expected, actual, fix: quoted && integerText.test(value as string) ? String(Number(value)) : undefined };
    case 'n':
      if (typeof value === 'number') return undefined;
      return { expected, actual, fix: quoted && numberText.test(value as string) ? (value as string) : undefined };
    case 'b':
      if (typeof value === 'boolean') return undefined;
      return { expected, actual, fix: quoted && /^(true|false)$/i.test(value as string) ? (value as string).toLowerCase() : undefined };
    case 'I':
      return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)) ? undefined : { expected, actual };
    case 'Q':
      if (typeof value === 'number') return undefined;
      if (typeof value === 'string' && isQuantity(value)) return undefined;
      return { expected, actual: typeof value === 'string' ? `"${value}"` : actual, guess: typeof value === 'string' ? quantityGuess(value) : undefined };
    default:
      return undefined;
  }
}

/** Whether a value node may stand where the API wants `code`, as far as its shape goes (scalar, list or mapping). */
export function shapeFits(node: Node, code: string): boolean {
  if (code === 'x' || code === 'o') return true;
  if (code.startsWith('[')) return isSeq(node);
  if (code.startsWith('@') || code.startsWith('{')) return isMap(node);
  return isScalar(node);
}

/** A scalar outside the values a custom resource's `enum` allows; a difference of letter case alone is fixed. */
export function enumProblem(node: Scalar, values: readonly unknown[]): TypeProblem | undefined {
  const value = decoded(node);
  if (value === null || value === undefined || values.includes(value)) return undefined;
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  const actual = typeof value === 'string' ? JSON.stringify(value) : String(value);
  const texts = values.filter((v): v is string => typeof v === 'string');
  const closest = typeof value === 'string' ? closestField(value, texts) : undefined;
  if (!closest) return { expected, actual };
  const text = enumText(node, closest.field);
  return closest.caseOnly ? { expected, actual, fix: text } : { expected, actual, guess: text };
}

/** An enum value written in the quoting of the value it replaces; plain only when it reads back as that string. */
function enumText(node: Scalar, value: string): string {
  if (node.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return node.type === 'QUOTE_DOUBLE' || !/^[A-Za-z_][\w.-]*$/.test(value) || /^(y|n|yes|no|on|off|true|false|null)$/i.test(value) ? JSON.stringify(value) : value;
}
