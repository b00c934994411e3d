// Where a finding of a chart's rendering belongs in the chart: the template named by its document's
// `# Source:` comment, on the line that writes its key literally; the values file key that a
// `.Values.a.b` reference or a `toYaml .Values.a` block fills it from; else the template's first line.
// Pure: the caller reads the files and renders the chart.

import { deref, Document, Finding, isMap, isScalar, isSeq, keyAt, Node, nodeAt, ParsedFile, parseManifest, PathSegment } from '../../server/src/engine';
import { renderedSources } from '../rendered/render-source';
import { TemplateDocument, TemplateKey, templateKeys } from './template-keys';

export interface ChartFiles {
  /** The template's text by its path in the chart (`templates/deployment.yaml`); undefined when it cannot be read. */
  template(path: string): string | undefined;
  /** The values files in Helm's order of precedence, lowest first: the chart's `values.yaml`, then each `-f` file. */
  values: ReadonlyArray<{ path: string; text: string }>;
}

export interface ChartLocation {
  /** The template's path in the chart, or a values file's path as given in `ChartFiles.values`. */
  file: string;
  kind: 'template' | 'values';
  offset: number;
  length: number;
  /** For a values location: the key path whose value is the finding's (or the deepest that exists). */
  valuesPath?: PathSegment[];
}

export interface MappedFinding {
  finding: Finding;
  at: ChartLocation;
  /** The template of the finding's document, by its path in the chart, wherever the finding landed. */
  template: string;
}

interface RenderedPath {
  path: PathSegment[];
  /** The finding points at a key, not at a value. */
  onKey: boolean;
}

/** Maps each finding of `rendering` whose document names a template of this chart; the others are left out. */
export function mapChartFindings(rendering: ParsedFile, findings: readonly Finding[], chart: ChartFiles): MappedFinding[] {
  const sourceOf = renderedSources(rendering);
  const templates = new Map<string, { text: string; keys: TemplateDocument } | undefined>();
  const values = new Map<string, Document.Parsed | undefined>();
  const parsedValues = (path: string, text: string) => {
    if (!values.has(path)) {
      const document = parseManifest(text).documents[0];
      values.set(path, document && !document.hasErrors ? document.doc : undefined);
    }
    return values.get(path);
  };
  const out: MappedFinding[] = [];
  for (const finding of findings) {
    const source = sourceOf({ documentIndex: finding.documentIndex, resource: finding.resource });
    if (source?.tool !== 'helm') continue;
    // `<chart>/templates/x.yaml`; a subchart's are `<chart>/charts/<sub>/templates/x.yaml`.
    const path = source.path.split('/').slice(1).join('/');
    if (!templates.has(path)) {
      const text = chart.template(path);
      templates.set(path, text === undefined ? undefined : { text, keys: templateKeys(text) });
    }
    const template = templates.get(path);
    if (!template) continue;
    const document = rendering.documents[finding.documentIndex];
    const at = document && !document.hasErrors ? pathAt(document.doc.contents, finding.offset, []) : undefined;
    const renderedText = rendering.text.slice(finding.offset, finding.offset + finding.length);
    // Only the chart's own templates read the chart's values at the top level.
    const ownTemplate = path.startsWith('templates/');
    const location = locate(template.keys, at, renderedText, path, ownTemplate ? (p, onKey) => valuesLocation(chart, parsedValues, p, onKey) : () => undefined);
    out.push({ finding, at: location, template: path });
  }
  return out;
}

function locate(
  template: TemplateDocument,
  at: RenderedPath | undefined,
  renderedText: string,
  file: string,
  fromValues: (path: PathSegment[], onKey: boolean) => ChartLocation | undefined,
): ChartLocation {
  const firstLine: ChartLocation = { file, kind: 'template', offset: template.firstLine.offset, length: template.firstLine.length };
  if (!at) return firstLine;
  const keys = at.path.filter((s): s is string => typeof s === 'string');
  for (let depth = keys.length; depth > 0; depth--) {
    const entry = template.keys.find((k) => sameKeys(k.path, keys, depth));
    if (!entry) continue;
    // The path below the literal key, with sequence indexes (which a values block has too).
    const rest = at.path.slice(indexAfterKey(at.path, depth));
    const ref = entry.blockRef ?? entry.valuesRef;
    if (depth === keys.length) {
      const fromRef = ref && (!at.onKey || entry.blockRef) ? fromValues([...ref, ...rest], at.onKey) : undefined;
      return fromRef ?? onTemplateLine(entry, at.onKey, renderedText, file);
    }
    // The key itself is not in the template: it came from the values block or reference under this one.
    return (ref && fromValues([...ref, ...rest], at.onKey)) ?? firstLine;
  }
  return firstLine;
}

function sameKeys(path: readonly string[], keys: readonly string[], depth: number): boolean {
  if (path.length !== depth) return false;
  for (let i = 0; i < depth; i++) if (path[i] !== keys[i]) return false;
  return true;
}

/** The index in `path` just after its `depth`-th key. */
function indexAfterKey(path: readonly PathSegment[], depth: number): number {
  let seen = 0;
  for (let i = 0; i < path.length; i++) if (typeof path[i] === 'string' && ++seen === depth) return i + 1;
  return path.length;
}

function onTemplateLine(entry: TemplateKey, onKey: boolean, renderedText: string, file: string): ChartLocation {
  const key = { file, kind: 'template' as const, offset: entry.keyStart, length: entry.keyEnd - entry.keyStart };
  if (onKey || entry.value === '') return key;
  // The rendered value written literally in the template (`add: ["NET_ADMIN"]`): exactly there.
  const literal = renderedText.length > 0 && !/[{}]/.test(renderedText) ? entry.value.indexOf(renderedText) : -1;
  if (literal >= 0) return { ...key, offset: entry.valueStart + literal, length: renderedText.length };
  return { ...key, offset: entry.valueStart, length: entry.value.length };
}

/** The deepest key of `path` that a values file sets, the later file first where several do. */
function valuesLocation(chart: ChartFiles, parse: (path: string, text: string) => Document.Parsed | undefined, path: PathSegment[], onKey: boolean): ChartLocation | undefined {
  let best: { file: string; doc: Document.Parsed; depth: number } | undefined;
  for (let i = chart.values.length - 1; i >= 0; i--) {
    const { path: file, text } = chart.values[i];
    const doc = parse(file, text);
    if (!doc) continue;
    let depth = 0;
    while (depth < path.length && nodeAt(doc, doc.contents, path.slice(0, depth + 1)) !== undefined) depth++;
    if (depth > (best?.depth ?? 0)) best = { file, doc, depth };
    if (depth === path.length) break;
  }
  if (!best) return undefined;
  const found = path.slice(0, best.depth);
  const value = nodeAt(best.doc, best.doc.contents, found);
  const last = found[found.length - 1];
  const key = typeof last === 'string' ? keyAt(best.doc, best.doc.contents, found) : undefined;
  // The value itself for a finding on a scalar value the file sets; its key otherwise.
  const node: Node | undefined = best.depth === path.length && !onKey && isScalar(value) ? value : (key ?? value);
  const range = node?.range;
  if (!range) return undefined;
  return { file: best.file, kind: 'values', offset: range[0], length: range[1] - range[0], valuesPath: found };
}

/** The path of the key or value at `offset` in a rendered document. */
function pathAt(node: unknown, offset: number, path: PathSegment[]): RenderedPath | undefined {
  const n = deref(undefined, node);
  if (isMap(n)) {
    for (const pair of n.items) {
      const key = pair.key;
      if (!isScalar(key) || !key.range) continue;
      const name = String(key.value);
      if (offset >= key.range[0] && offset < Math.max(key.range[1], key.range[0] + 1)) return { path: [...path, name], onKey: true };
      const value = pair.value as Node | null;
      if (value?.range && offset >= value.range[0] && offset < Math.max(value.range[1], value.range[0] + 1)) return pathAt(value, offset, [...path, name]) ?? { path: [...path, name], onKey: false };
    }
    return undefined;
  }
  if (isSeq(n)) {
    for (let i = 0; i < n.items.length; i++) {
      const item = n.items[i] as Node | null;
      if (item?.range && offset >= item.range[0] && offset < Math.max(item.range[1], item.range[0] + 1)) return pathAt(item, offset, [...path, i]) ?? { path: [...path, i], onKey: false };
    }
    return undefined;
  }
  return isScalar(n) ? { path, onKey: false } : undefined;
}
