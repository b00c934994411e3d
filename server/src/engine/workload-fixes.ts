// Fix builders shared by the Pod Security rules: each returns a pure function of the parsed file
// that edits one container or pod spec with the engine's minimal-edit helpers.

import type { Node, Scalar, YAMLMap } from 'yaml';
import { appendToSequence, EditTarget, replaceScalar, setIn, YamlValue } from './edits';
import { removeIn, removeSequenceItems } from './removals';
import type { ParsedFile } from './parse';
import type { Edit, Fix } from './rule';
import { Container, Workload } from './workload';
import { asSeq, nodeAt, PathSegment } from './yaml-ast';

function target(file: ParsedFile, workload: Workload): EditTarget {
  return { text: file.text, doc: workload.doc };
}

/** Sets `securityContext.<path>` on a container. */
export function setOnContainer(c: Container, path: readonly string[], value: YamlValue): Fix {
  return (file) => setIn(target(file, c.workload), c.node, ['securityContext', ...path], value);
}

/** Sets `securityContext.<path>` on the pod spec. */
export function setOnPod(w: Workload, path: readonly string[], value: YamlValue): Fix {
  return (file) => (w.spec ? setIn(target(file, w), w.spec, ['securityContext', ...path], value) : []);
}

/** Removes an entry below a container (or the pod spec), dropping parents it leaves empty. */
export function removeBelow(w: Workload, root: YAMLMap | undefined, path: readonly PathSegment[]): Fix {
  return (file) => (root ? removeIn(target(file, w), root, path) : []);
}

export function replaceWith(node: Node, value: string | number | boolean): Fix {
  return () => replaceScalar(node as Scalar, value);
}

/** Appends to the sequence at `path` below a container, creating it when missing. */
export function appendOnContainer(c: Container, path: readonly string[], items: readonly YamlValue[]): Fix {
  return (file) => appendToSequence(target(file, c.workload), c.node, path, items);
}

/** Appends to the sequence at `path` below the pod spec, creating it when missing. */
export function appendOnPod(w: Workload, path: readonly string[], items: readonly YamlValue[]): Fix {
  return (file) => (w.spec ? appendToSequence(target(file, w), w.spec, path, items) : []);
}

/**
 * Applies several fixes as one; their edits must not overlap. Insertions at one offset (a container's
 * new key and the pod's new volume both go after the container's last line) become one edit whose
 * text keeps the order of the fixes, whatever order an editor applies edits in.
 */
export function allOf(...fixes: Fix[]): Fix {
  return (file) => {
    const out: Edit[] = [];
    for (const edit of fixes.flatMap((fix) => fix(file))) {
      const same = edit.length === 0 ? out.find((e) => e.length === 0 && e.offset === edit.offset) : undefined;
      if (same) same.text += edit.text;
      else out.push({ ...edit });
    }
    return out;
  };
}

/** Removes the items at `indexes` of the sequence at `path`; removes the whole entry when none would remain. */
export function removeItems(w: Workload, root: YAMLMap | undefined, path: readonly string[], indexes: readonly number[]): Fix {
  return (file): Edit[] => {
    const seq = asSeq(nodeAt(w.doc, root, path));
    if (!root || !seq) return [];
    if (indexes.length >= seq.items.length) return removeIn(target(file, w), root, path);
    return removeSequenceItems(target(file, w), seq, indexes);
  };
}
