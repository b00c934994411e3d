// The workspace facts of one chunk of an editor document: extracted when the chunk is new, then moved
// with it. A changed chunk that declares the same facts hands on its predecessor's objects, so that
// the workspace model sees no change on most keystrokes.

import { emptyEntry, extractEntry, FileEntry, keepSignatures, LineIndex, positionalKeys, Resource, signatureOf, SourceRef } from '../engine';
import type { AnalysisOptions, Chunk } from './analysis';

export interface ChunkFacts {
  entry: FileEntry;
  file: string;
  offset: number;
  line: number;
  documentIndex: number;
}

/**
 * The facts of a chunk's resources: extracted once, then only moved with the chunk. Extractors read
 * a resource alone, so an unchanged chunk declares the same facts wherever it moves.
 */
export function chunkFacts(chunk: Chunk, resources: readonly Resource[], lines: LineIndex, first: number, options: AnalysisOptions): FileEntry {
  const line = lines.position(chunk.offset).line;
  const held = chunk.facts;
  if (held && held.file === options.file) return moved(held, chunk.offset, line, first).entry;
  const before = chunk.replaced;
  chunk.replaced = undefined;
  // A document that stopped parsing still is what it was (see AnalysisOptions.holdBrokenFacts).
  if (before && before.file === options.file && options.holdBrokenFacts && chunk.documents.some((d) => d.hasErrors)) {
    chunk.facts = moved(before, chunk.offset, line, first);
    return before.entry;
  }
  const entry = extractEntry(options.file, lines, resources, options.model.extractorList);
  // An edit that changes no fact (most keystrokes) keeps the predecessor's fact objects, moved to
  // their new places, so the file's facts stay the very objects the workspace model holds.
  if (before && before.file === options.file && sameFacts(before.entry, entry) && copyPositions(before.entry, entry)) {
    chunk.facts = { ...before, offset: chunk.offset, line, documentIndex: first };
    return before.entry;
  }
  keepSignatures(entry);
  chunk.facts = { entry, file: options.file, offset: chunk.offset, line, documentIndex: first };
  return entry;
}

/** The facts moved with their chunk to its new place (in place: the model holds these objects). */
function moved(facts: ChunkFacts, offset: number, line: number, documentIndex: number): ChunkFacts {
  const [by, lineDelta, indexDelta] = [offset - facts.offset, line - facts.line, documentIndex - facts.documentIndex];
  if (by === 0 && lineDelta === 0 && indexDelta === 0) return facts;
  const move = (at: SourceRef) => {
    at.offset += by;
    at.line += lineDelta;
  };
  for (const r of facts.entry.resources) {
    move(r.at);
    r.documentIndex += indexDelta;
  }
  for (const list of facts.entry.facts.values()) for (const f of list) move(f.at);
  return Object.assign(facts, { offset, line, documentIndex });
}

function sameFacts(a: FileEntry, b: FileEntry): boolean {
  if (a.resources.length !== b.resources.length || a.facts.size !== b.facts.size) return false;
  if (signatureOf(a.resources) !== signatureOf(b.resources)) return false;
  for (const [id, list] of a.facts) {
    const other = b.facts.get(id);
    if (!other || other.length !== list.length || signatureOf(list) !== signatureOf(other)) return false;
  }
  return true;
}

/**
 * Gives `target` the positions of `source`, an equal value but for them (what signatureOf leaves
 * out); false when their shapes differ after all (then `target` must not be used).
 */
function copyPositions(target: unknown, source: unknown): boolean {
  if (target === null || source === null || typeof target !== 'object' || typeof source !== 'object') return target === source || typeof target === typeof source;
  if (Array.isArray(target) || Array.isArray(source)) {
    if (!Array.isArray(target) || !Array.isArray(source) || target.length !== source.length) return false;
    return target.every((item, i) => copyPositions(item, source[i]));
  }
  if (target instanceof Map || source instanceof Map) {
    if (!(target instanceof Map) || !(source instanceof Map) || target.size !== source.size) return false;
    for (const [key, value] of target) if (!source.has(key) || !copyPositions(value, source.get(key))) return false;
    return true;
  }
  const t = target as Record<string, unknown>;
  const s = source as Record<string, unknown>;
  const keys = Object.keys(s);
  if (keys.length !== Object.keys(t).length || Object.isFrozen(t)) return keys.length === 0 && Object.keys(t).length === 0;
  for (const key of keys) {
    if (!(key in t)) return false;
    if (positionalKeys.has(key)) t[key] = s[key];
    else if (!copyPositions(t[key], s[key])) return false;
  }
  return true;
}

export function joinParts(file: string, parts: readonly FileEntry[]): FileEntry {
  const entry = emptyEntry(file);
  for (const part of parts) {
    entry.resources.push(...part.resources);
    for (const [id, list] of part.facts) {
      const held = entry.facts.get(id);
      if (held) held.push(...list);
      else entry.facts.set(id, [...list]);
    }
  }
  return entry;
}
