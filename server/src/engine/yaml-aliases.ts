// Alias resolution from one walk of a document. The yaml package's Alias.resolve walks the whole
// document on every call, so a file with many aliases cost time quadratic in its size.

import { Alias, Document, isAlias, isCollection, isNode, isPair, Node } from 'yaml';

const indexes = new WeakMap<Document, Map<Alias, Node | undefined>>();

/**
 * Every alias of the document with the node it refers to: the last node with its anchor before it
 * in document order, as Alias.resolve finds it (an anchored ancestor counts). Computed once per document.
 */
export function aliasTargets(doc: Document): ReadonlyMap<Alias, Node | undefined> {
  let targets = indexes.get(doc);
  if (!targets) indexes.set(doc, (targets = indexAliases(doc)));
  return targets;
}

/** The node an alias refers to, or undefined when no anchor of its name precedes it. */
export function resolveAlias(doc: Document, alias: Alias): Node | undefined {
  const targets = aliasTargets(doc);
  // An alias of another document (or one added after the walk) is resolved the slow way.
  const target = targets.has(alias) ? targets.get(alias) : alias.resolve(doc);
  return isAlias(target) ? undefined : (target as Node | undefined);
}

/** The aliases that name no anchor before them (kubectl rejects such a file). */
export function unknownAliases(doc: Document): Alias[] {
  const out: Alias[] = [];
  for (const [alias, target] of aliasTargets(doc)) if (target === undefined) out.push(alias);
  return out;
}

function indexAliases(doc: Document): Map<Alias, Node | undefined> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  // Pre-order, keys before values, without recursion: the order in which yaml's visit() meets nodes.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      targets.set(node, anchors.get(node.source));
    } else if (isPair(node)) {
      stack.push(node.value, node.key);
    } else if (isNode(node)) {
      if (node.anchor) anchors.set(node.anchor, node);
      if (isCollection(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return targets;
}
