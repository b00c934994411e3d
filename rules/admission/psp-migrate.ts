// "Migrate to Pod Security Admission": the policy's level as `pod-security.kubernetes.io/*` labels
// on the Namespace manifests of the namespaces it governed (edited in place, in this file or another,
// or new manifests in its stead), and what it enforced beyond the level as a ValidatingAdmissionPolicy
// with its binding. The policy's document is replaced by the new objects, under comments that list
// what changes for pods, so nothing it enforced is dropped without a word.

import { posix } from 'node:path';
import { asMap, deref, Edit, EditTarget, eolOf, FileChange, nodeAt, ParsedFile, parseManifest, PodSecurityLevel, resourcesOf, setIn, Suggestion, YAMLMap } from '../../server/src/engine';
import { Constraint } from './psp-beyond';
import { PspAnalysis } from './psp-level';
import { policyText } from './psp-policy-text';

/** A Namespace manifest of the workspace to label. */
export interface NamespaceTarget {
  name: string;
  /** The file key it is declared in. */
  file: string;
  labels: Readonly<Record<string, string>>;
}

export interface Migration {
  policy: string;
  documentIndex: number;
  analysis: PspAnalysis;
  beyond: Constraint[];
  minor: number;
  /** Every namespace the policy governed. */
  namespaces: string[];
  /** Their manifests in the workspace. */
  manifests: NamespaceTarget[];
  /** The file being checked (a workspace file key). */
  file: string;
}

export const labelKeys = ['enforce', 'enforce-version', 'warn', 'audit'] as const;

export function labelsFor(level: PodSecurityLevel, minor: number): Record<string, string> {
  const v = `v1.${minor}`;
  return { 'pod-security.kubernetes.io/enforce': level, 'pod-security.kubernetes.io/enforce-version': v, 'pod-security.kubernetes.io/warn': level, 'pod-security.kubernetes.io/audit': level };
}

/** Edits setting the labels on a Namespace's root map, leaving those already right alone. */
export function labelEdits(target: EditTarget, root: YAMLMap, labels: Record<string, string>): Edit[] {
  const existing = asMap(deref(target.doc, nodeAt(target.doc, root, ['metadata', 'labels'])));
  if (!existing) return setIn(target, root, ['metadata', 'labels'], labels);
  const current = existing.toJSON() as Record<string, unknown>;
  return Object.entries(labels)
    .filter(([k, v]) => current[k] !== v)
    .flatMap(([k, v]) => setIn(target, root, ['metadata', 'labels', k], v));
}

/** The label edits of the Namespace `name` in a file's text; undefined when it declares none. */
export function namespaceEdits(file: ParsedFile, name: string, labels: Record<string, string>): Edit[] | undefined {
  const ns = resourcesOf(file).find((r) => r.kind === 'Namespace' && r.apiVersion === 'v1' && r.name === name);
  return ns && labelEdits({ text: file.text, doc: ns.doc }, ns.root, labels);
}

function namespaceDocument(name: string, labels: Record<string, string>): string {
  const lines = Object.entries(labels).map(([k, v]) => `    ${k}: ${v}`);
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n${lines.join('\n')}\n`;
}

/** The path of `to` relative to the folder of `from` (both file keys); undefined for keys that are no paths. */
export function relativePath(from: string, to: string): string | undefined {
  const slash = (p: string) => p.replace(/\\/g, '/');
  if (!/^(\/|[A-Za-z]:[\\/])/.test(from) || !/^(\/|[A-Za-z]:[\\/])/.test(to)) return undefined;
  return posix.relative(posix.dirname(slash(from)), slash(to));
}

function header(m: Migration, labelled: string[], created: string[]): string[] {
  const { level, tightened, mutations } = m.analysis;
  const out = [`# PodSecurityPolicy "${m.policy}" migrated to Pod Security Admission: level ${level} (v1.${m.minor}).`];
  if (labelled.length) out.push(`# Labels written on the Namespace manifests of: ${labelled.join(', ')}.`);
  if (created.length) out.push(`# New Namespace manifests below for: ${created.join(', ')}.`);
  if (m.analysis.limits.length) out.push(`# Not stricter because the policy allowed: ${m.analysis.limits.join('; ')}.`);
  if (tightened.length) out.push(`# Stricter than the policy, ${level} requires: ${tightened.join('; ')}.`);
  if (mutations.length) out.push(`# Pods are no longer mutated: set in their specs what the policy defaulted: ${mutations.join('; ')}.`);
  const generated = policyText(m) !== undefined;
  const enforced = m.beyond.filter((c) => c.expression && generated);
  if (enforced.length) out.push(`# Enforced beyond ${level} by the ValidatingAdmissionPolicy below: ${enforced.map((c) => c.text).join('; ')}.`);
  if (!generated && m.beyond.some((c) => c.expression)) out.push(`# No ValidatingAdmissionPolicy at v1.${m.minor} (served from 1.26): enforce by other means what follows.`);
  const lost = m.beyond.filter((c) => !c.expression || !generated);
  if (lost.length) out.push(`# Not enforced any more, review by hand: ${lost.map((c) => `${c.field}: ${c.text}`).join('; ')}.`);
  return out;
}

function otherFileChanges(m: Migration, labels: Record<string, string>): FileChange[] {
  // One change per file: edits of several Namespaces of one file are made against the same text.
  const byFile = new Map<string, string[]>();
  for (const ns of m.manifests.filter((n) => n.file !== m.file)) byFile.set(ns.file, [...(byFile.get(ns.file) ?? []), ns.name]);
  const out: FileChange[] = [];
  for (const [file, names] of byFile) {
    const path = relativePath(m.file, file);
    if (!path) continue;
    const text = names.map((n) => `---\n${namespaceDocument(n, labels)}`).join('');
    const merge = (current: string) => {
      const parsed = parseManifest(current);
      const edits = names.map((n) => namespaceEdits(parsed, n, labels));
      return edits.every((e) => e === undefined) ? undefined : edits.flatMap((e) => e ?? []);
    };
    out.push({ path, mode: 'append', text, merge });
  }
  return out;
}

/** The suggestion; its fix edits nothing when the policy's document is no longer where it was. */
export function migration(m: Migration): Suggestion {
  const labels = labelsFor(m.analysis.level, m.minor);
  const reachable = m.manifests.filter((n) => n.file === m.file || relativePath(m.file, n.file) !== undefined);
  const declared = new Set(reachable.map((n) => n.name));
  const created = m.namespaces.filter((n) => !declared.has(n));
  const fix = (file: ParsedFile): Edit[] => {
    const document = file.documents[m.documentIndex];
    const policy = resourcesOf(file).find((r) => r.document === document && r.kind === 'PodSecurityPolicy' && r.name === m.policy);
    if (!policy || !document.doc.contents?.range) return [];
    const [start, , to] = document.doc.contents.range;
    // The range takes the final line break, which belongs to the line and stays.
    let end = to;
    while (end > start && /[\r\n]/.test(file.text[end - 1])) end--;
    const generated = policyText(m);
    const docs = [...(generated ? [generated] : []), ...created.map((n) => namespaceDocument(n, labels))];
    const body = [...header(m, [...declared].sort(), created), ...(docs.length ? [docs.join('---\n')] : [])].join('\n');
    const own = m.manifests.filter((n) => n.file === m.file).flatMap((n) => namespaceEdits(file, n.name, labels) ?? []);
    return [{ offset: start, length: end - start, text: body.replace(/\n$/, '').replace(/\n/g, eolOf(file.text)) }, ...own];
  };
  const where = m.namespaces.length ? m.namespaces.join(', ') : 'no namespace';
  const assumes = m.analysis.mutations.length ? ', assumes pods set what it defaulted' : '';
  return { title: `Migrate to Pod Security Admission: ${m.analysis.level} on ${where}${assumes}`, fix, files: () => otherFileChanges(m, labels), reveal: true };
}
