// Where a finding of an overlay's rendering is fixed: on the line of the overlay's patch that set the
// value at fault, else on the same field of the base resource the origin annotation names (or its
// name, when the base does not have the field), labelled with the overlay. A finding the base alone
// does not have, with no patch setting its field, comes from a JSON 6902 operation: it goes on that
// operation. Findings that the plain check already reports on the same file, line and rule are
// dropped. Pure: the caller parses the files and says what the plain check found.

import { resolve as resolvePath } from 'node:path';
import {
  asMap,
  asSeq,
  deref,
  Document,
  Finding,
  isMap,
  isPair,
  isScalar,
  isSeq,
  lint,
  LintOptions,
  Node,
  nodeAt,
  ParsedFile,
  parseManifest,
  plain,
  Resource,
  resourcesOf,
  scalarValue,
  YAMLMap,
} from '../../server/src/engine';
import { renderedSources } from '../rendered/render-source';
import type { KustomizationFact } from './facts';
import { overlayName } from './overlays';

/** A step into a YAML tree: a map key, a list item by its `name` (how strategic merge matches containers), or by index. */
export type Step = string | { name: string } | number;

export interface MappedFinding {
  /** The workspace key of the file to fix. */
  file: string;
  offset: number;
  length: number;
  /** The rendered finding, its message labelled with the overlay, without fixes (they would edit the rendering). */
  finding: Finding;
  overlay: string;
  /** What the location is: the patch that set the value, a JSON 6902 operation, or the base resource. */
  via: 'patch' | 'json6902' | 'base';
  /** What the layout fixes need (overlay-fix.ts), where the rule has a fix or suggestions and no patch of the overlay set the value. */
  fixing?: RenderedFixing;
}

export interface RenderedFixing {
  rendering: ParsedFile;
  /** The finding as the rendering has it, with its fix and suggestions. */
  finding: Finding;
  resource: Resource;
  /** The base resource, parsed as it was when mapped. */
  base?: { file: string; parsed: ParsedFile; resource: Resource };
}

export interface MapRequest {
  rendered: ParsedFile;
  findings: readonly Finding[];
  /** The folder the origin annotations' paths are relative to. */
  originBase: string;
  overlay: KustomizationFact;
  /** The overlay and every kustomization it builds from (see overlayTree). */
  tree: readonly KustomizationFact[];
  /** A file of the workspace, parsed; undefined when it cannot be read. */
  source(file: string): ParsedFile | undefined;
  /** What the plain check reports on a file (rule and 0-based line), for the dedupe. */
  plain(file: string): ReadonlyArray<{ ruleId: string; line: number; resource: { kind: string; name: string } }>;
}

interface Located {
  node: Node;
  /** The key node when the finding was on a key (the field's name), so the mapped range is the key too. */
  key?: Node;
}

/** The path to the node at `offset` below `root`, and whether it is a key. */
export function pathAt(doc: Document, root: Node, offset: number): { path: Step[]; onKey: boolean } {
  const path: Step[] = [];
  let current: Node | undefined = root;
  for (;;) {
    if (isMap(current)) {
      let next: Node | undefined;
      for (const pair of current.items) {
        const key = pair.key as Node | null;
        const name = isScalar(key) ? key.value : undefined;
        if (typeof name !== 'string') continue;
        if (key && within(key, offset)) return { path: [...path, name], onKey: true };
        const value = deref(doc, pair.value);
        if (value && within(value, offset)) {
          path.push(name);
          next = value;
          break;
        }
      }
      if (!next) return { path, onKey: false };
      current = next;
    } else if (isSeq(current)) {
      let next: Node | undefined;
      current.items.forEach((item, index) => {
        const node = deref(doc, item);
        if (next || !node || !within(node, offset)) return;
        const name = isMap(node) ? scalarValue(nodeAt(doc, node, ['name'])) : undefined;
        path.push(typeof name === 'string' ? { name } : index);
        next = node;
      });
      if (!next) return { path, onKey: false };
      current = next;
    } else return { path, onKey: false };
  }
}

function within(node: Node, offset: number): boolean {
  const range = node.range;
  return !!range && offset >= range[0] && offset < Math.max(range[1], range[0] + 1);
}

/** The node at `path` below `root`, with its key when the last step is a key. */
export function locate(doc: Document, root: Node, path: readonly Step[]): Located | undefined {
  let current: Node | undefined = root;
  let key: Node | undefined;
  for (const step of path) {
    key = undefined;
    if (typeof step === 'string') {
      const pair = asMap(current)?.items.find((p) => isScalar(p.key) && p.key.value === step);
      if (!pair) return undefined;
      key = pair.key as Node;
      current = deref(doc, pair.value);
    } else if (typeof step === 'number') {
      current = deref(doc, asSeq(current)?.items[step]);
    } else {
      current = asSeq(current)
        ?.items.map((item) => deref(doc, item))
        .find((item) => isMap(item) && scalarValue(nodeAt(doc, item, ['name'])) === step.name);
    }
    if (!current) return key ? { node: key, key } : undefined;
  }
  return current ? { node: current, key } : undefined;
}

/** Steps that only say which object is patched: a patch repeats them without setting anything. */
function isIdentity(path: readonly Step[]): boolean {
  const last = path[path.length - 1];
  if (last === 'name' && typeof path[path.length - 2] === 'object') return true;
  return path.length === 2 && path[0] === 'metadata' && (last === 'name' || last === 'namespace');
}

function equalPlain(doc: Document, a: Node, otherDoc: Document, b: Node): boolean {
  return JSON.stringify(plain(doc, a)) === JSON.stringify(plain(otherDoc, b));
}

/** Each source file's resources, found once per mapping however many findings look them up. */
const resourcesCache = new WeakMap<ParsedFile, Resource[]>();
function resourcesIn(file: ParsedFile): Resource[] {
  let out = resourcesCache.get(file);
  if (!out) resourcesCache.set(file, (out = resourcesOf(file)));
  return out;
}

/** The resource of a file that is the base of a rendered resource: the same kind, named inside the rendered name (prefix and suffix added). */
function baseResource(file: ParsedFile, kind: string, renderedName: string): Resource | undefined {
  const candidates = resourcesIn(file).filter((r) => r.kind === kind && r.name !== '' && renderedName.includes(r.name));
  return candidates.sort((a, b) => b.name.length - a.name.length)[0];
}

interface Op {
  op: string;
  path: string[];
  node: Node;
}

/** The operations of a JSON 6902 patch file; empty for a strategic-merge patch. */
function operations(file: ParsedFile): Op[] {
  const out: Op[] = [];
  for (const { doc, hasErrors } of file.documents) {
    const list = asSeq(deref(doc, doc.contents));
    if (!list || hasErrors) continue;
    for (const item of list.items) {
      const map = asMap(deref(doc, item));
      const op = scalarValue(nodeAt(doc, map, ['op']));
      const pointer = scalarValue(nodeAt(doc, map, ['path']));
      if (!map || typeof op !== 'string' || typeof pointer !== 'string') continue;
      const path = pointer
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      out.push({ op, path, node: nodeAt(doc, map, ['op']) ?? map });
    }
  }
  return out;
}

/** How many keys of `path` the operation's pointer shares from the start (list items by index or name both count). */
function sharedPrefix(path: readonly Step[], pointer: readonly string[]): number {
  let n = 0;
  while (n < path.length && n < pointer.length) {
    const step = path[n];
    const same = typeof step === 'string' ? step === pointer[n] : typeof step === 'number' ? String(step) === pointer[n] : /^\d+$/.test(pointer[n]) || pointer[n] === step.name;
    if (!same) break;
    n++;
  }
  return n;
}

/** Each rendered finding at the place the user fixes it; those the plain check already has are left out. */
export function mapRendered(request: MapRequest): MappedFinding[] {
  const { rendered, originBase, tree } = request;
  const overlay = overlayName(request.overlay);
  const sourceOf = renderedSources(rendered);
  const renderedResources = resourcesOf(rendered);
  const patchFiles = tree.flatMap((k) => k.patches.map((p) => p.file));
  const resourceFiles = tree.flatMap((k) => k.resources);
  const out: MappedFinding[] = [];
  const seen = new Set<string>();

  for (const finding of request.findings) {
    const resource =
      renderedResources.find((r) => r.document.index === finding.documentIndex && r.kind === finding.resource.kind && r.name === finding.resource.name) ??
      renderedResources.find((r) => r.document.index === finding.documentIndex);
    if (!resource) continue;
    const { path, onKey } = pathAt(resource.doc, resource.root, finding.offset);
    const renderedAt = locate(resource.doc, resource.root, path);

    // The base: the file the origin annotation names, else any resource file of the tree with that resource.
    const origin = sourceOf(finding);
    const originFile = origin ? resolvePath(originBase, origin.path) : undefined;
    let base: { file: string; resource: Resource } | undefined;
    for (const file of [...(originFile ? [originFile] : []), ...resourceFiles]) {
      const parsed = request.source(file);
      const found = parsed && baseResource(parsed, resource.kind, resource.name);
      if (found) {
        base = { file, resource: found };
        break;
      }
    }
    const baseName = base?.resource.name ?? resource.name;

    let mapped: Omit<MappedFinding, 'finding' | 'overlay'> | undefined;
    // 1. A strategic-merge patch of the overlay that sets this very value.
    if (renderedAt && !isIdentity(path)) {
      for (const file of patchFiles) {
        const parsed = request.source(file);
        const target = parsed && resourcesIn(parsed).find((r) => r.kind === resource.kind && r.name === baseName);
        const at = target && locate(target.doc, target.root, path);
        if (!at || !equalPlain(resource.doc, renderedAt.node, target.doc, at.node)) continue;
        mapped = { file, ...range(pick(at, onKey)), via: 'patch' };
        break;
      }
    }
    // 2. Not in the base's own findings: the overlay made it, through a JSON 6902 operation.
    const inBase = base && request.plain(base.file).some((p) => p.ruleId === finding.ruleId && p.resource.kind === resource.kind && p.resource.name === baseName);
    if (!mapped && !inBase) {
      let best: { file: string; op: Op; score: number } | undefined;
      for (const file of patchFiles) {
        const parsed = request.source(file);
        for (const op of parsed ? operations(parsed) : []) {
          // A removal is what can make a finding appear; among equals, the operation nearest the field.
          const score = sharedPrefix(path, op.path) * 2 + (op.op === 'remove' ? 1 : 0);
          if (score >= 4 && (!best || score > best.score)) best = { file, op, score };
        }
      }
      if (best) mapped = { file: best.file, ...range(best.op.node), via: 'json6902' };
    }
    // 3. The base: the same field, else the resource's name.
    if (!mapped && base) {
      const at = locate(base.resource.doc, base.resource.root, path);
      const node = at ? pick(at, onKey) : base.resource.anchor;
      mapped = { file: base.file, ...range(node), via: 'base' };
    }
    if (!mapped) continue;

    const parsed = request.source(mapped.file);
    const line = parsed ? parsed.lines.position(mapped.offset).line : -1;
    if (request.plain(mapped.file).some((p) => p.ruleId === finding.ruleId && p.line === line)) continue;
    const key = `${mapped.file}\u0000${line}\u0000${finding.ruleId}\u0000${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fixing: RenderedFixing | undefined =
      (finding.fix || finding.suggestions.length > 0) && mapped.via !== 'patch' ? { rendering: rendered, finding, resource, base: base && { ...base, parsed: request.source(base.file)! } } : undefined;
    out.push({ ...mapped, overlay, finding: { ...finding, message: `${finding.message} (in overlay ${overlay})`, fix: undefined, suggestions: [] }, ...(fixing && { fixing }) });
  }
  return out;
}

/** The key where the finding was on a key or the field holds a collection (whose range spans lines), else the value. */
function pick(at: Located, onKey: boolean): Node {
  return at.key && (onKey || !isScalar(at.node)) ? at.key : at.node;
}

function range(node: Node | YAMLMap): { offset: number; length: number } {
  const [start, end] = isPair(node) ? [0, 0] : (node.range ?? [0, 0]);
  // A collection's range runs to the next key: the first line of it is what the user looks at.
  return { offset: start, length: isScalar(node) ? end - start : 0 };
}

/** Checks an overlay's rendering (text as the tool printed it) on its own and maps its findings. */
export function checkRendering(request: Omit<MapRequest, 'rendered' | 'findings'> & { text: string; options: LintOptions }): MappedFinding[] {
  const { text, options, ...rest } = request;
  const rendered = parseManifest(text);
  if (rendered.skipped) return [];
  // The rendering is its own workspace: its NetworkPolicies are the ones that apply to its pods.
  const findings = lint(rendered, { ...options, workspace: undefined }).findings;
  return mapRendered({ ...rest, rendered, findings });
}
