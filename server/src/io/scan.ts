// The workspace scan: every manifest under a folder turned into its workspace-model entry, read a
// few files at a time. Every file that declares a resource or a fact is kept — a file of Secrets only,
// a kustomization without apiVersion and kind, too.

import { baseNameOf, extractText, FactExtractor, FileEntry, otherFileChecked, otherFileNames } from '../engine';
import { manifestFile, readLimited, walkManifests, WalkOptions, nodeFileSystem } from './walk';

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
  const { files, truncated } = await walkManifests(root, { ...options, alsoNamed: extractors.flatMap((e) => e.fileNames ?? []), alsoMatching: otherFileNames() });
  const maxSize = options.maxFileSize ?? defaultMaxIndexedFileSize;
  const entries = new Map<string, FileEntry>();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      if (options.cancelled?.()) return;
      const file = files[next++];
      const text = await readLimited(file, maxSize, options.fs ?? nodeFileSystem);
      if (text === undefined || !indexedFile(file, text, extractors)) continue;
      const entry = extractText(file, text, extractors);
      if (entry.resources.length > 0 || entry.facts.size > 0) entries.set(file, entry);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
  return { entries, truncated };
}

/**
 * Whether a file takes part in the workspace: a manifest, a file an extractor reads by name, or
 * another file (a `.json`) only when it holds a document a family checks (a seccomp profile), as
 * the CLI's folder search decides.
 */
export function indexedFile(file: string, text: string, extractors: readonly FactExtractor[]): boolean {
  return manifestFile.test(file) || extractors.some((e) => e.fileNames?.includes(baseNameOf(file))) || otherFileChecked(file, text);
}
