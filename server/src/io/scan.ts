// The workspace scan: every manifest under a folder turned into its workspace-model entry, read a
// few files at a time. Every file that declares a resource or a fact is kept — a file of Secrets only,
// a kustomization without apiVersion and kind, too.

import { extractText, FactExtractor, FileEntry } from '../engine';
import { readLimited, walkManifests, WalkOptions, nodeFileSystem } from './walk';

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
  const { files, truncated } = await walkManifests(root, { ...options, alsoNamed: extractors.flatMap((e) => e.fileNames ?? []) });
  const maxSize = options.maxFileSize ?? defaultMaxIndexedFileSize;
  const entries = new Map<string, FileEntry>();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      if (options.cancelled?.()) return;
      const file = files[next++];
      const text = await readLimited(file, maxSize, options.fs ?? nodeFileSystem);
      if (text === undefined) continue;
      const entry = extractText(file, text, extractors);
      if (entry.resources.length > 0 || entry.facts.size > 0) entries.set(file, entry);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
  return { entries, truncated };
}
