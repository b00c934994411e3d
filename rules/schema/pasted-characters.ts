// Characters pasted from web pages into keys and values, where YAML and Kubernetes read them as text:
// `apiGroups: [“”]` is the group named `“”`, not the core group; `name:\u00a0web` has a key that no
// API knows. The finding is on the character (or the quoted scalar), the fix writes the ASCII meant.

import { asMap, asSeq, defineRule, isScalar, Node, Resource, Scalar } from '../../server/src/engine';
import { Pasted, pastedIn } from './pasted-text';

/** Values Kubernetes does not interpret: what is pasted into them may be meant. */
const freeTextParents = new Set(['annotations', 'data', 'stringData', 'binaryData']);
const freeTextKeys = new Set(['description']);

/**
 * The scalars of the resource that hold a character beyond ASCII, keys included, with whether they are
 * free text; collections whose text is all ASCII are skipped whole. Aliases are visited where defined.
 */
function scalarsOf(resource: Resource, text: string): Array<{ node: Scalar; free: boolean; key: boolean }> {
  const out: Array<{ node: Scalar; free: boolean; key: boolean }> = [];
  const ascii = (node: Node | null | undefined) => !node?.range || !nonAscii.test(text.slice(node.range[0], node.range[1]));
  const walk = (node: Node | null | undefined, free: boolean, parentKey: string | undefined): void => {
    if (ascii(node)) return;
    if (isScalar(node)) out.push({ node, free, key: false });
    const map = asMap(node);
    for (const pair of map?.items ?? []) {
      if (!isScalar(pair.key)) continue;
      if (!ascii(pair.key)) out.push({ node: pair.key, free: false, key: true });
      const key = String(pair.key.value);
      const freeValue = free || freeTextKeys.has(key) || (parentKey !== undefined && freeTextParents.has(parentKey));
      walk(pair.value as Node | null, freeValue, key);
    }
    for (const item of asSeq(node)?.items ?? []) walk(item as Node, free, undefined);
  };
  walk(resource.root, false, undefined);
  return out;
}

const nonAscii = /[^\x00-\x7f]/;

/** A dash replaces a list's `-` only when it opens its line. */
function opensLine(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, at));
}

export default defineRule({
  id: 'pasted-characters',
  meta: {
    title: 'Keys and values must not hold characters pasted from web pages',
    description: 'Typographic quotes, non-breaking and other Unicode spaces, zero-width characters and dashes used as list markers are text to YAML, so keys and values silently become other ones.',
    category: 'schema',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['*'],
    scope: 'document',
    fix: 'safe',
    messages: {
      quotes: 'typographic quotes ({character}) around this {where} are part of its text, not YAML quoting',
      space: 'this {where} holds a Unicode space ({character}) that YAML and Kubernetes do not read as a space',
      invisible: 'this {where} holds an invisible character ({character})',
      dash: 'a dash ({character}) is not a YAML list marker',
    },
    hint: 'Text copied from web pages and word processors brings characters that look like ASCII but are not: replace them with the ASCII ones (the quick fix does).',
  },
  fixTitles: { quotes: 'Replace with ASCII quotes', space: 'Replace with an ASCII space', invisible: 'Remove the invisible character', dash: 'Replace the dash with "-"' },
  check(ctx) {
    const text = ctx.file.text;
    for (const { node, free, key } of scalarsOf(ctx.resource, text)) {
      const [start, end] = node.range!;
      const source = text.slice(start, end);
      const found = pastedIn(node, source, start, free);
      for (const p of found) {
        if (p.kind === 'dash' && !opensLine(text, p.start)) continue;
        // Placed from where the node is when the fix is applied: the editor moves an unchanged
        // document's tree after an edit above it, and offsets taken now would edit the wrong character.
        const edit = (q: Pasted) => () => [{ offset: q.start - start + node.range![0], length: q.end - q.start, text: q.replacement }];
        ctx.report({ node, within: [p.start, p.end], messageId: p.kind, data: { character: p.character, where: key ? 'key' : 'value' }, fix: edit(p) });
      }
    }
  },
});
