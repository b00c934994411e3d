// Re-parsing a file after edits that touched few of its documents: each YAML document's slice of
// the text is parsed on its own (as parseManifest does), so a slice whose text did not change is
// reused with its offsets shifted instead of parsed again. Fix-all and Harden re-parse after every
// round; without this, one fix in a 2 MB manifest of CRDs costs a full parse per round.

import { defaultLimits, documentRanges, ParsedDocument, ParsedFile, ParseProblem, parseManifest, shiftParsedDocument, splittable, tooManyDocuments } from './parse';
import { detachedSlice, LineIndex } from './text';

interface Chunk {
  text: string;
  offset: number;
  documents: ParsedDocument[];
  /** Offsets relative to the chunk. */
  problems: ParseProblem[];
}

/**
 * The chunks of the previous version by their text, in order: a new version takes an unchanged
 * slice's chunk from here (the first left of that text, so repeated documents pair up in order).
 */
export function chunksByText<T extends { text: string }>(chunks: readonly T[]): Map<string, T[]> {
  const byText = new Map<string, T[]>();
  for (const chunk of chunks) {
    const list = byText.get(chunk.text);
    if (list) list.push(chunk);
    else byText.set(chunk.text, [chunk]);
  }
  return byText;
}

/**
 * Parses successive versions of one text. It owns the parsed documents it returns: reusing one
 * moves its nodes, so a file it returned is stale once it has parsed the next version.
 */
export class Reparser {
  private chunks: Chunk[] = [];

  parse(text: string): ParsedFile {
    const pieces = text.length <= defaultLimits.maxSize && splittable(text) && !tooManyDocuments(text) ? documentRanges(text) : undefined;
    const chunks = pieces && this.reuse(text, pieces);
    this.chunks = chunks ?? [];
    if (!chunks) return parseManifest(text);
    const documents: ParsedDocument[] = [];
    const problems: ParseProblem[] = [];
    for (const chunk of chunks) {
      for (const d of chunk.documents) documents.push({ ...d, index: documents.length });
      for (const p of chunk.problems) problems.push({ ...p, offset: p.offset + chunk.offset });
    }
    return { text, lines: new LineIndex(text), documents, problems };
  }

  /** This version's chunks, reusing those whose text is unchanged; undefined when the whole text must be judged at once. */
  private reuse(text: string, pieces: Array<[number, number]>): Chunk[] | undefined {
    const previous = chunksByText(this.chunks);
    const out: Chunk[] = [];
    for (const [start, end] of pieces) {
      const old = previous.get(text.slice(start, end))?.shift();
      if (old) {
        for (const d of old.documents) shiftParsedDocument(d, start - old.offset);
        out.push({ ...old, offset: start });
        continue;
      }
      const slice = detachedSlice(text, start, end);
      const parsed = parseManifest(slice);
      // Templates, binary data and parser failures are judged on the whole file, with whole-file offsets.
      if (parsed.skipped) return undefined;
      for (const d of parsed.documents) shiftParsedDocument(d, start);
      out.push({ text: slice, offset: start, documents: parsed.documents, problems: parsed.problems });
    }
    return out;
  }
}
