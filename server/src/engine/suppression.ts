// Suppression by rule id only, never by message text: an `ignore.kube-harden.io/<rule-id>`
// annotation on the resource or its pod template, or `# kube-harden-ignore <rule-id>` on the line above.

import { nodeAt } from './yaml-ast';
import { Resource, stringMap } from './resources';
import { Workload } from './workload';

export const ignoreAnnotationPrefix = 'ignore.kube-harden.io/';
export const ignoreCommentPattern = /#\s*kube-harden-ignore\s+([a-z0-9-]+(?:[\s,]+[a-z0-9-]+)*)/;

export function suppressedByAnnotation(resource: Resource, workload: Workload | undefined): Set<string> {
  const ids = new Set<string>();
  const collect = (annotations: Map<string, unknown>) => {
    for (const key of annotations.keys()) if (key.startsWith(ignoreAnnotationPrefix)) ids.add(key.slice(ignoreAnnotationPrefix.length));
  };
  collect(stringMap(resource.doc, nodeAt(resource.doc, resource.root, ['metadata']), 'annotations'));
  if (workload) collect(workload.annotations());
  return ids;
}

/** Rule ids named by a `# kube-harden-ignore` comment on the line before the one holding `offset`. */
export function suppressedByComment(text: string, offset: number): string[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (lineStart === 0) return [];
  const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const previous = text.slice(previousStart, lineStart);
  const match = ignoreCommentPattern.exec(previous);
  if (!match || previous.trimStart()[0] !== '#') return [];
  return match[1].split(/[\s,]+/).filter(Boolean);
}
