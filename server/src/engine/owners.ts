// The pod and each of its containers as owners of a securityContext: the checks that read the same
// field at both levels (runAsUser, seLinuxOptions, windowsOptions) walk them alike.

import type { Node, YAMLMap } from 'yaml';
import { Container, Workload } from './workload';
import type { PathSegment } from './yaml-ast';

export interface SecurityContextOwner {
  /** `pod` or `container "name"`, for messages. */
  label: string;
  /** The map that holds `securityContext`: the pod spec or the container. */
  root: YAMLMap | undefined;
  get(path: readonly PathSegment[]): Node | undefined;
}

export function securityContextOwners(w: Workload): SecurityContextOwner[] {
  const pod: SecurityContextOwner = { label: 'pod', root: w.spec, get: (path) => w.get(path) };
  return [pod, ...w.containers().map((c: Container): SecurityContextOwner => ({ label: `container "${c.name}"`, root: c.node, get: (path) => c.get(path) }))];
}
