// Hover: the findings under the cursor in one compact list (hover-findings.ts), and, in rendered
// output, the template they came from; and what the rule families add about the resource (the network
// policies that select a workload).

import { Hover, Location, MarkupKind, Position } from 'vscode-languageserver';
import { factsOfResource, HoverContext, SourceRef } from '../engine';
import { hovers, renderedSources } from '../../../rules';
import { FileAnalysis } from './analysis';
import { toRange } from './convert';
import { findingsMarkdown } from './hover-findings';
import { Snapshot } from './snapshot';

export function hover(snapshot: Snapshot, position: Position, fileUri: (path: string) => string = (p) => p): Hover | null {
  const analysis = snapshot.analysis;
  if (!analysis || !snapshot.kubernetes) return null;
  const offset = analysis.file.lines.offset(position);
  const hits = analysis.findings.filter((f) => offset >= f.offset && offset <= f.offset + f.length);
  const family = familySections(analysis, offset, fileUri);
  if (hits.length === 0 && family.length === 0) return null;
  const sections = hits.length > 0 ? [findingsMarkdown(hits, renderedSources(analysis.file))] : [];
  sections.push(...family.map((s) => s.markdown));
  const lines = analysis.file.lines;
  const range = hits.length > 0 ? toRange(lines, hits[0].offset, hits[0].length) : toRange(lines, family[0].offset, family[0].length);
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range };
}

/** What the families read about the resource under the cursor. */
function contextAt(analysis: FileAnalysis, offset: number, fileUri: (path: string) => string): HoverContext | undefined {
  const workspace = analysis.workspace;
  if (!workspace) return undefined;
  const resource = analysis.resources.find((r) => r.root.range && offset >= r.root.range[0] && offset <= r.root.range[2]);
  if (!resource) return undefined;
  const link = (at: SourceRef) => (at.file === workspace.file ? `this file, line ${at.line + 1}` : `[${at.file.split(/[\\/]/).pop()}:${at.line + 1}](${fileUri(at.file)}#L${at.line + 1})`);
  return { file: analysis.file, resource, workspace, facts: (extractor) => factsOfResource(extractor, resource, workspace.file, analysis.file.lines), link };
}

/** Go to definition: where what the cursor names is declared, as the families say (a policy refusing the resource). */
export function definition(snapshot: Snapshot, position: Position, fileUri: (path: string) => string = (p) => p): Location[] {
  const analysis = snapshot.analysis;
  if (!analysis || !snapshot.kubernetes) return [];
  const offset = analysis.file.lines.offset(position);
  const ctx = contextAt(analysis, offset, fileUri);
  if (!ctx) return [];
  // A declaration in another file is known by its line: its text is not at hand.
  const at = (ref: SourceRef) =>
    ref.file === ctx.workspace.file ? toRange(analysis.file.lines, ref.offset, ref.length) : { start: { line: ref.line, character: 0 }, end: { line: ref.line, character: 0 } };
  return hovers.flatMap((p) => p.definitions?.(ctx, offset) ?? []).map((ref) => ({ uri: fileUri(ref.file), range: at(ref) }));
}

/** What the families' hover providers say about the resource under the cursor. */
function familySections(analysis: FileAnalysis, offset: number, fileUri: (path: string) => string): Array<{ markdown: string; offset: number; length: number }> {
  const ctx = contextAt(analysis, offset, fileUri);
  if (!ctx) return [];
  const out: Array<{ markdown: string; offset: number; length: number }> = [];
  for (const provider of hovers) {
    const section = provider.hover(ctx, offset);
    if (!section?.node.range) continue;
    const [start, end] = section.node.range;
    out.push({ markdown: section.markdown, offset: start, length: end - start });
  }
  return out;
}
