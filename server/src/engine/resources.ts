// Recognising Kubernetes resources among the YAML documents of a file. A document is a resource
// when it is a mapping with string `apiVersion` and `kind`, or a document of a kind a family
// registers (a seccomp profile, which kubelets read from disk); everything else gets no findings at all.

import { Document, Node, Scalar, YAMLMap } from 'yaml';
import { ParsedDocument, ParsedFile } from './parse';
import { asMap, asSeq, deref, nodeAt, scalarValue, stringEntries } from './yaml-ast';

export interface ResourceRef {
  kind: string;
  name: string;
  namespace: string | null;
}

export interface Resource {
  document: ParsedDocument;
  doc: Document.Parsed;
  /** The mapping of the resource (the document root, or an item of a `List`). */
  root: YAMLMap;
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string | null;
  /** The `metadata.name` value, or the `kind` value when the name is missing. */
  anchor: Node;
  ref: ResourceRef;
}

export function resourcesOf(file: ParsedFile): Resource[] {
  const out: Resource[] = [];
  for (const document of file.documents) {
    if (document.hasErrors) continue;
    const root = asMap(deref(document.doc, document.doc.contents));
    const resource = root && recognise(document, root);
    if (!resource) continue;
    // `kubectl get -o yaml` writes a List whose items are resources of their own.
    if (/List$/.test(resource.kind) && resource.apiVersion === 'v1') {
      const items = asSeq(nodeAt(document.doc, root, ['items']));
      for (const item of items?.items ?? []) {
        const map = asMap(deref(document.doc, item));
        const inner = map && recognise(document, map);
        if (inner) out.push(inner);
      }
      continue;
    }
    out.push(resource);
  }
  return out;
}

/**
 * A kind of document that is no Kubernetes resource but that a family checks: it has no `apiVersion`;
 * rules of kinds `*` (every Kubernetes resource) do not read it.
 */
export interface DocumentKind {
  kind: string;
  /** Files other than YAML manifests that hold such documents: a folder search includes them when `mayHold` says so. */
  files?: { name: RegExp; mayHold(text: string): boolean };
  /** The node findings about the whole document go on, when the document is one of this kind. */
  anchorOf(doc: Document, root: YAMLMap): Node | undefined;
}

const documentKinds: DocumentKind[] = [];

/** Registered by the family that checks the kind, when the rule catalog loads. */
export function registerDocumentKind(kind: DocumentKind): void {
  if (!documentKinds.some((k) => k.kind === kind.kind)) documentKinds.push(kind);
}

/** The names of files other than manifests that a registered kind reads (`*.json` for seccomp profiles). */
export function otherFileNames(): RegExp[] {
  return documentKinds.flatMap((k) => (k.files ? [k.files.name] : []));
}

/**
 * Whether a file that is no manifest by its name (a `.json`) is checked: a registered kind reads
 * such files and its text may hold one. Any other file of that name gets no diagnostics at all.
 */
export function otherFileChecked(path: string, text: string): boolean {
  return documentKinds.some((k) => k.files?.name.test(path) && k.files.mayHold(text));
}

export function isDocumentKind(kind: string): boolean {
  return documentKinds.some((k) => k.kind === kind);
}

/**
 * Whether a rule or extractor of `kinds` reads a resource of this kind and apiVersion. A registered
 * document kind is the document without `apiVersion` only: a Kubernetes resource of the same kind
 * name (the Security Profiles Operator's `SeccompProfile`) is a resource like any other, read by `*`.
 */
export function readsKind(kinds: readonly string[], kind: string, apiVersion: string): boolean {
  if (!isDocumentKind(kind)) return kinds.includes(kind) || kinds.includes('*');
  return apiVersion === '' ? kinds.includes(kind) : kinds.includes('*');
}

function recogniseOther(document: ParsedDocument, root: YAMLMap): Resource | undefined {
  for (const { kind, anchorOf } of documentKinds) {
    const anchor = anchorOf(document.doc, root);
    if (anchor) return { document, doc: document.doc, root, apiVersion: '', kind, name: '', namespace: null, anchor, ref: { kind, name: '', namespace: null } };
  }
  return undefined;
}

function recognise(document: ParsedDocument, root: YAMLMap): Resource | undefined {
  const doc = document.doc;
  const apiVersion = scalarValue(nodeAt(doc, root, ['apiVersion']));
  const kindNode = nodeAt(doc, root, ['kind']);
  const kind = scalarValue(kindNode);
  if (apiVersion === undefined && kind === undefined && documentKinds.length > 0) return recogniseOther(document, root);
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !kind) return undefined;
  const nameNode = nodeAt(doc, root, ['metadata', 'name']);
  const name = scalarValue(nameNode);
  const namespace = scalarValue(nodeAt(doc, root, ['metadata', 'namespace']));
  const resource: Resource = {
    document,
    doc,
    root,
    apiVersion,
    kind,
    name: name === undefined ? '' : String(name),
    namespace: namespace === undefined ? null : String(namespace),
    anchor: (nameNode && scalarValue(nameNode) !== undefined ? nameNode : kindNode) as Node,
    ref: { kind, name: name === undefined ? '' : String(name), namespace: namespace === undefined ? null : String(namespace) },
  };
  return resource;
}

/** Labels or annotations of a metadata map as a plain record of strings. */
export function stringMap(doc: Document, metadata: Node | undefined, field: 'labels' | 'annotations'): Map<string, { value: string; keyNode: Scalar; valueNode: Node | undefined }> {
  const out = new Map<string, { value: string; keyNode: Scalar; valueNode: Node | undefined }>();
  const map = asMap(nodeAt(doc, metadata, [field]));
  for (const entry of stringEntries(map, doc)) {
    out.set(entry.key, { value: entry.value === undefined ? '' : String(entry.value), keyNode: entry.keyNode, valueNode: entry.valueNode });
  }
  return out;
}
