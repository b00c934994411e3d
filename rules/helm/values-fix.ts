// A rule's fix of a chart's rendering, carried over to the values file: the fix is applied to the
// rendered document, the values it changes are read back, and where each comes from a `toYaml
// .Values.x` block or a `{{ .Values.x.y }}` reference, the same value is set at that key of the values
// file. A fix that changes what the template writes literally, or removes anything, is not offered.

import { applyEdits, asMap, Edit, Finding, nodeAt, ParsedFile, parseManifest, PathSegment, setIn, YamlValue } from '../../server/src/engine';
import { ChartFiles } from './chart-map';
import { templateKeys } from './template-keys';

export interface ValuesFix {
  title: string;
  /** The values file's path as given in `ChartFiles.values`, and its text the edits apply to. */
  file: string;
  edits: Edit[];
}

/** The finding's fix as an edit of the values file that feeds what it changes, when there is one. */
export function valuesFix(rendering: ParsedFile, finding: Finding, templateText: string, chart: Pick<ChartFiles, 'values'>): ValuesFix | undefined {
  const fix = finding.fix;
  const document = rendering.documents[finding.documentIndex];
  const range = document?.doc.range;
  if (!fix || !document || document.hasErrors || !range) return undefined;
  const edits = fix.apply(rendering);
  if (edits.length === 0 || edits.some((e) => e.offset < range[0] || e.offset + e.length > range[2])) return undefined;
  // Only this document is parsed again: a rendering can hold hundreds.
  const delta = edits.reduce((sum, e) => sum + e.text.length - e.length, 0);
  const fixed = parseManifest(applyEdits(rendering.text, edits).slice(range[0], range[2] + delta)).documents[0];
  if (!fixed || fixed.hasErrors) return undefined;
  const changes: Change[] = [];
  if (!diff(document.doc.toJS(), fixed.doc.toJS(), [], changes) || changes.length === 0) return undefined;

  const template = templateKeys(templateText);
  const targets: Array<{ path: string[]; value: YamlValue }> = [];
  for (const change of changes) {
    const path = valuesPathOf(template.keys, change.path);
    if (!path || !path.every((s): s is string => typeof s === 'string')) return undefined;
    targets.push({ path, value: change.value as YamlValue });
  }
  const file = valuesFileFor(chart, targets[0].path);
  if (!file) return undefined;
  let text = file.text;
  let last: Edit[] = [];
  for (const target of targets) {
    const doc = parseManifest(text).documents[0];
    const root = asMap(doc?.doc.contents);
    if (!doc || doc.hasErrors || !root) return undefined;
    last = setIn({ text, doc: doc.doc }, root, target.path, target.value);
    text = applyEdits(text, last);
  }
  if (text === file.text) return undefined;
  // One value: the helper's own edits. Several: the lines between the first and last change, rewritten once.
  return { title: `${fix.title} in ${file.path}`, file: file.path, edits: targets.length === 1 ? last : [changedLines(file.text, text)] };
}

interface Change {
  path: PathSegment[];
  value: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The values set or added from `before` to `after`; false when anything is removed. */
function diff(before: unknown, after: unknown, path: PathSegment[], out: Change[]): boolean {
  if (JSON.stringify(before) === JSON.stringify(after)) return true;
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) {
      if (!(key in after)) return false;
      if (!diff(before[key], after[key], [...path, key], out)) return false;
    }
    for (const key of Object.keys(after)) if (!(key in before)) out.push({ path: [...path, key], value: after[key] });
    return true;
  }
  // Items of a list of the same length are compared one by one (containers); a list that grows or shrinks is set whole.
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) return before.every((item, i) => diff(item, after[i], [...path, i], out));
  out.push({ path, value: after });
  return true;
}

/** The values path a rendered path comes from, by the template's keys; undefined where the template writes it. */
function valuesPathOf(keys: ReturnType<typeof templateKeys>['keys'], path: PathSegment[]): PathSegment[] | undefined {
  const names = path.filter((s): s is string => typeof s === 'string');
  for (let depth = names.length; depth > 0; depth--) {
    const entry = keys.find((k) => k.path.length === depth && k.path.every((p, i) => p === names[i]));
    if (!entry) continue;
    let seen = 0;
    let after = path.length;
    for (let i = 0; i < path.length; i++) if (typeof path[i] === 'string' && ++seen === depth) after = i + 1;
    const rest = path.slice(after);
    if (depth === names.length) return entry.valuesRef && rest.length === 0 ? entry.valuesRef : undefined;
    const ref = entry.blockRef ?? entry.valuesRef;
    return ref ? [...ref, ...rest] : undefined;
  }
  return undefined;
}

/** The last values file that sets the longest part of `path` (the one Helm takes it from), else the chart's own. */
function valuesFileFor(chart: Pick<ChartFiles, 'values'>, path: string[]): { path: string; text: string } | undefined {
  let best: { path: string; text: string } | undefined;
  let bestDepth = -1;
  for (let i = chart.values.length - 1; i >= 0; i--) {
    const file = chart.values[i];
    const doc = parseManifest(file.text).documents[0];
    if (!doc || doc.hasErrors) continue;
    let depth = 0;
    while (depth < path.length && nodeAt(doc.doc, doc.doc.contents, path.slice(0, depth + 1)) !== undefined) depth++;
    if (depth > bestDepth) {
      best = file;
      bestDepth = depth;
    }
  }
  // Nothing sets any of it: the chart's own values.yaml, where its defaults are declared.
  return bestDepth === 0 ? chart.values[0] : best;
}

/** One edit from `before` to `after` that rewrites the whole lines between their common start and end. */
export function changedLines(before: string, after: string): Edit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  start = before.lastIndexOf('\n', start - 1) + 1;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  // Back to the end of a line (just after its line break) on both sides.
  while (end > 0 && before[before.length - end - 1] !== '\n') end--;
  return { offset: start, length: before.length - start - end, text: after.slice(start, after.length - end) };
}
