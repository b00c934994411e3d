// Fixes of webhook entries: each a pure function of the parsed file that edits one entry of
// `webhooks` with the engine's minimal-edit helpers.

import { afterLine, appendToSequence, asMap, asSeq, columnOf, deref, Edit, endOf, eolOf, Fix, known, nodeAt, scalarText, setIn, YamlValue } from '../../server/src/engine';
import type { Node, YAMLSeq } from '../../server/src/engine';
import { field, Webhook } from './webhook-model';

export const namespaceLabel = 'kubernetes.io/metadata.name';

/** Sets a field of the webhook entry (a scalar is replaced, a missing key added). */
export function setField(w: Webhook, path: readonly string[], value: YamlValue): Fix {
  return (file) => setIn({ text: file.text, doc: w.doc }, w.map, path, value);
}

/** Appends items to a list of the webhook entry. */
export function appendField(w: Webhook, path: readonly string[], items: readonly string[]): Fix {
  return (file) => appendToSequence({ text: file.text, doc: w.doc }, w.map, path, items);
}

/**
 * Makes the namespaceSelector leave out `namespaces`: adds them to its `kubernetes.io/metadata.name
 * NotIn` expression, or adds that expression (and the selector). Undefined when the selector cannot
 * be edited safely (not a map, or a templated list).
 */
export function excludeNamespaces(w: Webhook, namespaces: readonly string[]): Fix | undefined {
  const expression = { key: namespaceLabel, operator: 'NotIn', values: [...namespaces] };
  const selectorNode = field(w, ['namespaceSelector']);
  if (selectorNode === undefined || isNull(selectorNode)) {
    return setField(w, ['namespaceSelector'], { matchExpressions: [expression] });
  }
  const selector = asMap(selectorNode);
  if (!selector) return undefined;
  const list = nodeAt(w.doc, selector, ['matchExpressions']);
  const seq = asSeq(list);
  if (!seq) return list === undefined || isNull(list) ? (file) => setIn({ text: file.text, doc: w.doc }, selector, ['matchExpressions'], [expression]) : undefined;
  for (const item of seq.items) {
    const map = asMap(deref(w.doc, item));
    if (!map || known(nodeAt(w.doc, map, ['key'])) !== namespaceLabel || known(nodeAt(w.doc, map, ['operator'])) !== 'NotIn') continue;
    const values = asSeq(nodeAt(w.doc, map, ['values']));
    if (!values) return undefined;
    const present = new Set(values.items.map((v) => known(deref(w.doc, v))));
    const missing = namespaces.filter((n) => !present.has(n));
    return (file) => appendToSequence({ text: file.text, doc: w.doc }, map, ['values'], missing);
  }
  return (file) => appendItem(file.text, seq, expression);
}

function isNull(node: Node | undefined): boolean {
  return node !== undefined && (node as { value?: unknown }).value === null;
}

function flow(value: YamlValue): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, YamlValue>)
      .map(([k, v]) => `${scalarText(k)}: ${flow(v)}`)
      .join(', ')}}`;
  }
  return scalarText(value as string);
}

/** Appends a map item to a sequence of maps, in flow style inside a flow sequence, else as a `- {…}` line. */
function appendItem(text: string, seq: YAMLSeq, value: YamlValue): Edit[] {
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (seq.flow) {
    if (!last) return [{ offset: seq.range![0] + 1, length: 0, text: flow(value) }];
    return [{ offset: endOf(last), length: 0, text: `, ${flow(value)}` }];
  }
  const eol = eolOf(text);
  const at = afterLine(text, endOf(last ?? (seq as unknown as Node)));
  const needsBreak = at === text.length && !text.endsWith('\n');
  const line = `${' '.repeat(columnOf(text, seq.range![0]))}- ${flow(value)}`;
  return [{ offset: at, length: 0, text: (needsBreak ? eol : '') + line + eol }];
}
