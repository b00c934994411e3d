// Go-to-definition: the places the families say the node under the cursor refers to (a
// `localhostProfile` names a seccomp profile file), as links into those files.

import { Location, LocationLink, Position, Range } from 'vscode-languageserver';
import { LineIndex, SourceRef } from '../engine';
import { definitions } from '../../../rules';
import { toRange } from './convert';
import { familyContext } from './hover';
import { Snapshot } from './snapshot';

export interface DefinitionHost {
  uriOf(key: string): string;
  /** The text of the file at a URI (the open editor's, else the disk's), to place the target exactly. */
  readText(uri: string): string | undefined;
  /** The client takes LocationLinks (`textDocument.definition.linkSupport`); plain Locations otherwise. */
  linkSupport: boolean;
}

export function definition(snapshot: Snapshot, position: Position, host: DefinitionHost): LocationLink[] | Location[] | null {
  const analysis = snapshot.analysis;
  if (!analysis || !snapshot.kubernetes) return null;
  const offset = analysis.file.lines.offset(position);
  const ctx = familyContext(analysis, offset);
  if (!ctx) return null;
  const links: LocationLink[] = [];
  for (const provider of definitions) {
    const found = provider.definition(ctx, offset);
    if (!found?.node.range) continue;
    const [start, end] = found.node.range;
    const origin = toRange(analysis.file.lines, start, end - start);
    for (const at of found.targets) {
      const targetUri = host.uriOf(at.file);
      const range = targetRange(at, host.readText(targetUri));
      links.push({ originSelectionRange: origin, targetUri, targetRange: range, targetSelectionRange: range });
    }
  }
  if (links.length === 0) return null;
  return host.linkSupport ? links : links.map((l) => ({ uri: l.targetUri, range: l.targetRange }));
}

/** The target's exact range when its file can be read and still holds it there, else its line. */
function targetRange(at: SourceRef, text: string | undefined): Range {
  if (text !== undefined && at.offset + at.length <= text.length) {
    const lines = new LineIndex(text);
    if (lines.position(at.offset).line === at.line) return toRange(lines, at.offset, at.length);
  }
  return { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } };
}
