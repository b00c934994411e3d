// Where a resource of rendered output was written by the user: the chart template named by the
// `# Source:` comment `helm template` opens each document with, or the file (or kustomization, for a
// generated resource) in the `config.kubernetes.io/origin` annotation that `kustomize build` adds with
// `buildMetadata: [originAnnotations]`. Only that path leaves here, never the rest of the comment.

import { asMap, deref, leadingComments, nodeAt, ParsedFile, parseManifest, Resource, ResourceRef, resourcesOf, scalarValue } from '../../server/src/engine';

export interface RenderSource {
  /** As the tool wrote it: relative to the chart's parent folder (Helm) or to the kustomization built (Kustomize). */
  path: string;
  tool: 'helm' | 'kustomize';
}

/** What the lookup needs of a finding. */
export interface RenderedAt {
  documentIndex: number;
  resource: ResourceRef;
}

/** Helm writes `# Source: <chart>/templates/<file>`; a second comment after it on the line is not the path. */
const helmSource = /^Source:[ \t]+(.+?)(?:[ \t]+#.*)?$/;
const originAnnotation = 'config.kubernetes.io/origin';
/** Kustomize writes a few short lines; anything much longer is not its annotation. */
const maxOrigin = 4096;

/**
 * A lookup of the source of each finding of `file`, reading each document once. Where a document has
 * both, Helm's comment wins: a template is nearer to the line to fix than the file Kustomize read.
 */
export function renderedSources(file: ParsedFile): (at: RenderedAt) => RenderSource | undefined {
  const helm = new Map<number, RenderSource | undefined>();
  let byDocument: Map<number, Resource[]> | undefined;
  const origins = new Map<Resource, RenderSource | undefined>();
  let annotated: boolean | undefined;
  return (at) => {
    if (!helm.has(at.documentIndex)) helm.set(at.documentIndex, helmSourceOf(file, at.documentIndex));
    const fromHelm = helm.get(at.documentIndex);
    if (fromHelm) return fromHelm;
    // Cheap test first, once: most files carry no origin annotation at all.
    annotated ??= file.text.includes(originAnnotation);
    if (!annotated) return undefined;
    byDocument ??= groupByDocument(resourcesOf(file));
    const inDocument = byDocument.get(at.documentIndex) ?? [];
    const same = inDocument.find((r) => r.kind === at.resource.kind && r.name === at.resource.name && r.namespace === at.resource.namespace);
    const resource = same ?? inDocument[0];
    if (!resource) return undefined;
    if (!origins.has(resource)) origins.set(resource, kustomizeOrigin(resource));
    return origins.get(resource);
  };
}

/** A build can hold thousands of resources: each finding looks up its own document's only. */
function groupByDocument(resources: readonly Resource[]): Map<number, Resource[]> {
  const out = new Map<number, Resource[]>();
  for (const r of resources) {
    const list = out.get(r.document.index);
    if (list) list.push(r);
    else out.set(r.document.index, [r]);
  }
  return out;
}

function helmSourceOf(file: ParsedFile, documentIndex: number): RenderSource | undefined {
  for (const comment of leadingComments(file, documentIndex)) {
    const path = helmSource.exec(comment.text)?.[1].trim();
    if (path !== undefined) return printable(path) ? { path, tool: 'helm' } : undefined;
  }
  return undefined;
}

function kustomizeOrigin(resource: Resource): RenderSource | undefined {
  const value = scalarValue(nodeAt(resource.doc, resource.root, ['metadata', 'annotations', originAnnotation]));
  if (typeof value !== 'string' || value.length > maxOrigin) return undefined;
  // Kustomize writes `path` for a resource read from a file, `configuredIn` for one a generator made.
  const path = fieldText(value, 'path');
  const quick = path !== undefined ? plainPath(path) : plainPath(fieldText(value, 'configuredIn'));
  if (quick !== undefined) return printable(quick) ? { path: quick, tool: 'kustomize' } : undefined;
  const parsed = parseManifest(value);
  const document = parsed.documents[0];
  if (!document || document.hasErrors) return undefined;
  const origin = asMap(deref(document.doc, document.doc.contents));
  for (const field of ['path', 'configuredIn']) {
    const path = scalarValue(nodeAt(document.doc, origin, [field]));
    if (typeof path === 'string' && printable(path.trim())) return { path: path.trim(), tool: 'kustomize' };
  }
  return undefined;
}

/** The text after `field:` on a line of its own at the top level, as Kustomize writes its origin. */
function fieldText(value: string, field: string): string | undefined {
  return new RegExp(`^${field}:[ \\t]+(.*?)[ \\t]*$`, 'm').exec(value)?.[1];
}

/**
 * The text itself when YAML would read it as that very string (a plain path like
 * `../../base/deployment.yaml`): nearly every origin, read without a YAML parse, which costs a hundred
 * times more. Quoted, commented or otherwise unusual text is left to the parser.
 */
function plainPath(text: string | undefined): string | undefined {
  if (text === undefined || !/^(?:[\w./+=~]|-(?! ))[\w./~+=,@ -]*$/.test(text) || !/[./]/.test(text)) return undefined;
  // Numbers (`1.5`, `.inf`) are not strings to YAML.
  return /^[-+]?(?:[\d._]+|\.(?:inf|nan))$/i.test(text) ? undefined : text;
}

/** One line of visible text: control and bidirectional-override characters could forge a report line. */
function printable(path: string): boolean {
  return path.length > 0 && path.length <= 1024 && !/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(path);
}
