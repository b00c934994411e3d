// Where a file's chunks are: found by offset, the line above one, and moving one by an edit's delta.

import { shiftParsedDocument } from '../engine';
import type { Chunk } from './analysis';

/** The chunk at `offset` of chunks in the order of their offsets, by bisection. */
export function chunkAt(chunks: readonly Chunk[], offset: number): Chunk | undefined {
  let low = 0;
  let high = chunks.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = chunks[middle].offset;
    if (at === offset) return chunks[middle];
    if (at < offset) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** The text of the line that ends where `offset` starts (empty at the start of the file). */
export function lineBefore(text: string, offset: number): string {
  return offset === 0 ? '' : text.slice(text.lastIndexOf('\n', offset - 2) + 1, offset);
}

/** Moves a chunk's parsed nodes by `delta`: the engine reads positions only from node ranges. */
export function shiftChunk(chunk: Chunk, delta: number, again = true): void {
  chunk.offset += delta;
  for (const d of chunk.documents) shiftParsedDocument(d, delta, again);
}
