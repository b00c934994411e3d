// The workspace scan: every manifest under a folder turned into its workspace-model entry, read a
// few files at a time. Every file that declares a resource or a fact is kept — a file of Secrets only,
// a kustomization without apiVersion and kind, too.

import { baseNameOf, emptyEntry, extractText, extractTextFile, FactExtractor, FileEntry, textFileNames } from '../engine';
import { manifestFile, readLimited, walkManifests, WalkOptions, nodeFileSystem } from './walk';

/**
 * A file's workspace entry: a manifest's or a tool's own file's in full; another file (a `.json`)
 * only for the extractors that read it from its text (a scanner's report), never as a manifest.
 */
export function indexedEntry(file: string, text: string, extractors: readonly FactExtractor[]): FileEntry {
  if (manifestFile.test(file) || extractors.some((e) => e.fileNames?.includes(baseNameOf(file)))) return extractText(file, text, extractors);
  return extractTextFile(file, text, extractors) ?? emptyEntry(file);
}

export interface ScanOptions extends WalkOptions {
  /** Files larger than this are not read (default 2 MB). */
  maxFileSize?: number;
  /** Files read concurrently (default 16). */
  concurrency?: number;
}

export const defaultMaxIndexedFileSize = 2 * 1024 * 1024;

export interface ScanResult {
  entries: Map<string, FileEntry>;
  truncated: boolean;
}

export async function scanFolder(root: string, extractors: readonly FactExtractor[], options: ScanOptions = {}): Promise<ScanResult> {
  const { files, truncated } = await walkManifests(root, { ...options, alsoNamed: extractors.flatMap((e) => e.fileNames ?? []), alsoMatching: textFileNames(extractors) });
  const maxSize = options.maxFileSize ?? defaultMaxIndexedFileSize;
  const entries = new Map<string, FileEntry>();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      if (options.cancelled?.()) return;
      const file = files[next++];
      const text = await readLimited(file, maxSize, options.fs ?? nodeFileSystem);
      if (text === undefined) continue;
      const entry = indexedEntry(file, text, extractors);
      if (entry.resources.length > 0 || entry.facts.size > 0) entries.set(file, entry);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
  return { entries, truncated };
}
