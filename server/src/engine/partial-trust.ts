// Which findings of a document with syntax errors still hold. The document is checked without its
// broken lines (broken-lines.ts); a finding is kept only when no text on those lines could remove it.
//
// The criterion. Each broken line belongs to a *site* of a resource, judged by YAML's block structure
// (the previous line with content, and the broken line's indentation): one container's map, or the
// rest of the resource ("shared": pod spec, metadata, anything else). A line whose owner cannot be
// told (a tab, a lone `-`, nothing above it) is shared by every resource of the document.
// - A finding about a missing field (reported on an owner: a name, a kind, a key whose value is a
//   collection) is kept only when it is about a container and every broken line sits in another
//   container: the missing field could be on any broken line of its own container or of the pod
//   (which containers inherit), and a pod-level finding may depend on every container.
// - A finding about a value that is set (reported on that value, or on the key of a scalar) is kept
//   wherever the broken lines are, since they can only add text and a key cannot be set twice; except
//   a pod-level value when a container line is broken, as a container's own value can override it.
// Lines being typed that would change the resource's namespace, OS or suppressions are read as
// absent, as they were before the typing began.

import { isMap, isPair, isScalar, isSeq, Node } from 'yaml';
import type { BrokenLines } from './broken-lines';
import type { ParsedDocument, ParsedFile } from './parse';
import { Resource, resourcesOf } from './resources';
import { Workload } from './workload';

type Site = 'shared' | number;

/** The resources of a document's repair (the document without its broken lines). */
export function repairedResources(file: ParsedFile, document: ParsedDocument): Resource[] {
  if (!document.repair) return [];
  const view: ParsedDocument = { index: document.index, doc: document.repair.doc, hasErrors: false };
  return resourcesOf({ ...file, documents: [view] });
}

export class PartialTrust {
  private readonly affected = new Set<Site>();
  private readonly containers: Array<[number, number]>;
  private readonly anchors = new Set<unknown>();
  private parents: Map<unknown, { role: 'key' | 'value' | 'item'; value: unknown }> | undefined;

  /** `siblings`: every resource of the document (a `List` holds several), this one among them. */
  constructor(
    private readonly text: string,
    private readonly resource: Resource,
    private readonly workload: Workload | undefined,
    private readonly broken: BrokenLines,
    siblings: readonly Resource[],
  ) {
    const containers = workload?.containers() ?? [];
    this.containers = containers.map((c) => [c.node.range?.[0] ?? 0, c.node.range?.[2] ?? 0]);
    this.anchors.add(resource.anchor);
    if (workload) this.anchors.add(workload.anchor);
    for (const c of containers) this.anchors.add(c.anchor);
    for (const line of broken) {
      const site = this.siteOfLine(line, siblings);
      if (site !== undefined) this.affected.add(site);
    }
  }

  /** Whether a finding reported on `node` holds whatever the broken lines turn out to say. */
  keeps(node: Node): boolean {
    if (this.affected.size === 0) return true;
    const range = node.range;
    if (!range) return false;
    if (this.broken.some(([start, end]) => range[0] < end && start < range[1])) return false;
    const site = this.siteOf(range[0]);
    if (this.isSetValue(node)) return !(site === 'shared' && this.workload && [...this.affected].some((a) => a !== 'shared'));
    return site !== 'shared' && !this.affected.has('shared') && !this.affected.has(site);
  }

  /** The container whose map holds an offset, else shared. */
  private siteOf(offset: number): Site {
    const index = this.containers.findIndex(([start, end]) => offset >= start && offset < end);
    return index < 0 ? 'shared' : index;
  }

  /** Where a broken line belongs in this resource; undefined when it belongs to another resource. */
  private siteOfLine([start, end]: readonly [number, number], siblings: readonly Resource[]): Site | undefined {
    const text = this.text;
    let at = start;
    while (at < end && text[at] === ' ') at++;
    const indent = at - start;
    // A tab or an empty line says nothing of where the text belongs; a `-` starts an item, never a container's field.
    if (at >= end || text[at] === '\t') return 'shared';
    const item = text[at] === '-' && (at + 1 >= end || text[at + 1] === ' ');
    const above = this.contentAbove(start);
    if (above === undefined) return 'shared';
    const owner = siblings.find((r) => contains(r.root.range, above) && indent >= columnOf(text, r.root.range![0]));
    if (!owner) return siblings.some((r) => contains(r.root.range, above)) ? undefined : 'shared';
    if (owner !== this.resource) return undefined;
    if (item) return 'shared';
    const index = this.containers.findIndex(([s, e]) => above >= s && above < e && indent >= columnOf(text, s));
    return index < 0 ? 'shared' : index;
  }

  /** The offset of the content of the nearest line above `lineStart` that is neither blank, a comment nor broken. */
  private contentAbove(lineStart: number): number | undefined {
    const text = this.text;
    let end = lineStart - 1;
    while (end > 0) {
      const start = text.lastIndexOf('\n', end - 1) + 1;
      let at = start;
      // Past compact sequence indicators (`- - name: x`), to the content of the innermost item.
      while (at < end && (text[at] === ' ' || (text[at] === '-' && (text[at + 1] === ' ' || at + 1 === end)))) at++;
      const isBroken = this.broken.some(([s, e]) => start >= s && start <= e);
      if (at < end && text[at] !== '#' && text[at] !== '\r' && !isBroken) return at;
      end = start - 1;
    }
    return undefined;
  }

  /** True for a value that is set (a non-null scalar, or the key of one); false for owners and anchors. */
  private isSetValue(node: Node): boolean {
    if (!isScalar(node) || this.anchors.has(node)) return false;
    const parent = this.parentsOf().get(node);
    if (!parent) return false;
    if (parent.role === 'key') return isScalar(parent.value) && parent.value.value !== null;
    return node.value !== null;
  }

  private parentsOf() {
    if (this.parents) return this.parents;
    const parents = new Map<unknown, { role: 'key' | 'value' | 'item'; value: unknown }>();
    const walk = (node: unknown, depth: number): void => {
      if (depth > 200) return;
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          parents.set(pair.key, { role: 'key', value: pair.value });
          parents.set(pair.value, { role: 'value', value: pair.value });
          walk(pair.value, depth + 1);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) {
          parents.set(item, { role: 'item', value: item });
          walk(item, depth + 1);
        }
      }
    };
    walk(this.resource.root, 0);
    this.parents = parents;
    return parents;
  }
}

function contains(range: [number, number, number] | null | undefined, offset: number): boolean {
  return !!range && offset >= range[0] && offset < range[2];
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
