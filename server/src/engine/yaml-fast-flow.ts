// One-line flow collections for the fast YAML reader (yaml-fast.ts): `[ALL]`, `["sh", "-c"]`,
// `{cpu: 500m, memory: 256Mi}`, whose items are plain or quoted scalars. Nesting, empty entries, a
// trailing comma, pairs in a sequence, keys without values and collections over lines decline.

import { Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { newPair, Scalars } from './yaml-fast-nodes';
import { decline } from './yaml-fast-scalars';

/** What the flow reader needs of the block reader. */
export interface FlowHost {
  readonly text: string;
  readonly end: number;
  readonly scalars: Scalars;
  readonly maps: YAMLMap[];
  newMap(): YAMLMap;
  newSeq(): YAMLSeq;
  /** A one-line quoted scalar at `at`, and the offset after its closing quote. */
  quoted(at: number): [Scalar, number];
}

const SPACE = 32;

/** The flow collection opening at `at`, and the offset after its closing bracket. */
export function flowCollection(host: FlowHost, at: number): [YAMLMap | YAMLSeq, number] {
  const { text } = host;
  const seq = text[at] === '[';
  const close = seq ? ']' : '}';
  const node = seq ? host.newSeq() : host.newMap();
  node.flow = true;
  if (!seq) host.maps.push(node as YAMLMap);
  let i = spaces(text, at + 1);
  if (text[i] === close) return [node, i + 1];
  for (;;) {
    let item: Scalar;
    [item, i] = flowScalar(host, i, !seq);
    if (seq) {
      (node as YAMLSeq).items.push(item);
    } else {
      if (text[i] !== ':' || text.charCodeAt(i + 1) !== SPACE) throw decline;
      let value: Scalar;
      [value, i] = flowScalar(host, spaces(text, i + 1), false);
      (node as YAMLMap).items.push(newPair(item, value));
    }
    if (text[i] === close) return [node, i + 1];
    if (text[i] !== ',') throw decline;
    i = spaces(text, i + 1);
    if (text[i] === close) throw decline;
  }
}

function spaces(text: string, at: number): number {
  while (text.charCodeAt(at) === SPACE) at++;
  return at;
}

/**
 * A scalar inside a flow collection at `at`, and the offset after the spaces that follow it (which
 * its range ends with, as the yaml package's does). A key ends at its `:`.
 */
function flowScalar(host: FlowHost, at: number, atKey: boolean): [Scalar, number] {
  const { text } = host;
  const c = text[at];
  if (c === '"' || c === "'") {
    const [scalar, end] = host.quoted(at);
    const after = spaces(text, end);
    // A key's range ends at its quote, a value's after the spaces that follow it.
    if (atKey && after !== end) throw decline;
    scalar.range = [at, end, after];
    return [scalar, after];
  }
  if (',[]{}#&*!|>\'"%@`?-:'.includes(c) || at >= host.end) throw decline;
  let i = at;
  for (; i < host.end; i++) {
    const ch = text[i];
    if (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{' || ch === '\n') break;
    if (ch === ':') {
      const next = text[i + 1];
      if (next === ' ') break;
      // `[a:]` and `{a:,b}` are pairs without a space before the value: the yaml package reads those.
      if (next === undefined || ',[]{}\n'.includes(next)) throw decline;
    }
    if (ch === '#' && text.charCodeAt(i - 1) === SPACE) throw decline;
  }
  if (text[i] === '[' || text[i] === '{' || text[i] === '\n' || i >= host.end) throw decline;
  if (text[i] === ':' && !atKey) throw decline;
  let valueEnd = i;
  while (text.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
  // Merge keys are left to the yaml package, in flow as in block maps.
  if (atKey && (valueEnd !== i || text.startsWith('<<', at))) throw decline;
  return [host.scalars.plain(text.slice(at, valueEnd), [at, valueEnd, i], atKey), i];
}
