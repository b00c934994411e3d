// The engine's public API: the only module that rules, the server and the CLI import.

export * from './rule';
export * from './compliance';
export * from './config';
export * from './parse';
export * from './syntax-rule';
export { nestedTooDeeply, syntaxMessage, syntaxMessages } from './syntax-messages';
export * from './resources';
export * from './workload';
export * from './runner';
export { internalErrorId, failureReason } from './rule-failure';
export * from './namespaces';
export * from './edits';
export * from './removals';
export * from './fix-all';
export * from './edit-batch';
export * from './reparse';
export * from './harden';
export * from './suppression';
export * from './version';
export { now, setClock } from './clock';
export * from './text';
export * from './workspace';
export * from './selectors';
export * from './values';
export * from './owners';
export * from './workload-fixes';
export * from './redeclared';
export * from './leading-comments';
export { tabIndentFix, tabIndentMessage } from './tab-indent';
export { pastedCause } from './pasted-syntax';
export { scalarOffsets } from './scalar-offsets';
export { nodeAt, keyAt, pairOf, entriesOf, mergeSources, scalarValue, plain, isTemplated, deref, asMap, asSeq, stringEntries, span } from './yaml-ast';
export type { PathSegment } from './yaml-ast';
export { isAlias, isMap, isSeq, isScalar, isPair } from 'yaml';
export type { Document, Node, Scalar, YAMLMap, YAMLSeq, Pair } from 'yaml';

import { parseManifest } from './parse';
import { lint, LintOptions, LintResult } from './runner';
import { ParsedFile } from './parse';

/** Parses and lints a file's text in one call. */
export function check(text: string, options: LintOptions): LintResult & { file: ParsedFile } {
  const file = parseManifest(text);
  return { ...lint(file, options), file };
}
export { reparseBlock, changeBetween } from './block-reparse';
export type { TextChange } from './block-reparse';
