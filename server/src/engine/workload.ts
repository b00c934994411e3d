// One abstraction over every kind that carries a pod template, and over every container list.
// A container view resolves effective security settings (container over pod) and remembers the
// node each value came from, so a finding can point at the value that decided it.

import { Document, Node, Scalar, YAMLMap } from 'yaml';
import { Resource, stringMap } from './resources';
import { asMap, asSeq, deref, keyAt, nodeAt, PathSegment, scalarValue } from './yaml-ast';

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';
export const containerLists: readonly ContainerList[] = ['containers', 'initContainers', 'ephemeralContainers'];

/** Where each workload kind keeps its pod template, by API group. */
const podPaths: Record<string, { groups: RegExp; spec: string[]; meta: string[] }> = {
  Pod: { groups: /^v1$/, spec: ['spec'], meta: ['metadata'] },
  PodTemplate: { groups: /^v1$/, spec: ['template', 'spec'], meta: ['template', 'metadata'] },
  ReplicationController: { groups: /^v1$/, spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  Deployment: { groups: /^(apps|extensions)\//, spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  ReplicaSet: { groups: /^(apps|extensions)\//, spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  StatefulSet: { groups: /^apps\//, spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  DaemonSet: { groups: /^(apps|extensions)\//, spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  Job: { groups: /^batch\//, spec: ['spec', 'template', 'spec'], meta: ['spec', 'template', 'metadata'] },
  CronJob: { groups: /^batch\//, spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], meta: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'] },
};

export const workloadKinds: readonly string[] = Object.keys(podPaths);

export interface Effective {
  value: unknown;
  /** The value node that decided it. */
  node: Node;
  from: 'container' | 'pod';
}

export class Workload {
  readonly doc: Document;
  /** Path from the resource root to the pod spec. */
  readonly specPath: readonly string[];
  readonly metaPath: readonly string[];
  readonly spec: YAMLMap | undefined;
  readonly meta: YAMLMap | undefined;

  constructor(
    readonly resource: Resource,
    paths: { spec: string[]; meta: string[] },
  ) {
    this.doc = resource.doc;
    this.specPath = paths.spec;
    this.metaPath = paths.meta;
    this.spec = asMap(nodeAt(this.doc, resource.root, paths.spec));
    this.meta = asMap(nodeAt(this.doc, resource.root, paths.meta));
  }

  /** A node below the pod spec. */
  get(path: readonly PathSegment[]): Node | undefined {
    return nodeAt(this.doc, this.spec, path);
  }

  /** The scalar value below the pod spec. */
  value(path: readonly PathSegment[]): unknown {
    return scalarValue(this.get(path));
  }

  key(path: readonly PathSegment[]): Scalar | undefined {
    return keyAt(this.doc, this.spec, path);
  }

  /** The node to report on when a pod-level field is missing: the pod spec's key, else the resource. */
  get anchor(): Node {
    const specKey = keyAt(this.doc, this.resource.root, this.specPath);
    return specKey ?? this.resource.anchor;
  }

  /** The pod's annotations: the pod template's for controllers, the Pod's own for a Pod. */
  annotations() {
    return stringMap(this.doc, this.meta, 'annotations');
  }

  labels() {
    return stringMap(this.doc, this.meta, 'labels');
  }

  /** `spec.os.name == windows`: the 1.25 exemptions of the restricted checks depend on it. */
  get isWindows(): boolean {
    return this.value(['os', 'name']) === 'windows';
  }

  /** `spec.hostUsers: false`: the pod runs in its own user namespace (1.35 relaxations). */
  get usesUserNamespace(): boolean {
    return this.value(['hostUsers']) === false;
  }

  /** Container views by list selection: every rule of the resource asks, and the tree does not change during a check. */
  private readonly containerCache = new Map<string, readonly Container[]>();

  containers(lists: readonly ContainerList[] = containerLists): readonly Container[] {
    const key = lists.join();
    let cached = this.containerCache.get(key);
    if (!cached) this.containerCache.set(key, (cached = this.listContainers(lists)));
    return cached;
  }

  private listContainers(lists: readonly ContainerList[]): Container[] {
    const out: Container[] = [];
    for (const list of lists) {
      const seq = asSeq(this.get([list]));
      seq?.items.forEach((item, index) => {
        const map = asMap(deref(this.doc, item));
        if (map) out.push(new Container(this, list, index, map, item as Node));
      });
    }
    return out;
  }
}

export class Container {
  readonly name: string;
  /** The `name` value, or the whole item when a container has no name. */
  readonly anchor: Node;

  constructor(
    readonly workload: Workload,
    readonly list: ContainerList,
    readonly index: number,
    readonly node: YAMLMap,
    item: Node,
  ) {
    const nameNode = nodeAt(workload.doc, node, ['name']);
    const name = scalarValue(nameNode);
    this.name = name === undefined ? `${list}[${index}]` : String(name);
    // Without a name, the item's first key stands for the container: never the whole item.
    const firstKey = node.items[0]?.key as Node | undefined;
    this.anchor = name !== undefined && nameNode ? nameNode : firstKey?.range ? firstKey : item;
  }

  /**
   * Where a field missing from this container is reported: its own `securityContext` key when it has
   * one (the block a reader checks, and where the field would go), else `anchor`. A key merged in
   * from elsewhere (`<<: *defaults`) does not count: it stands outside this container.
   */
  get settingsAnchor(): Node {
    const key = this.key(['securityContext']);
    const [start, , end] = this.node.range ?? [0, 0, 0];
    return key?.range && key.range[0] >= start && key.range[0] < end ? key : this.anchor;
  }

  /** Path from the pod spec to this container. */
  get path(): PathSegment[] {
    return [this.list, this.index];
  }

  get(path: readonly PathSegment[]): Node | undefined {
    return nodeAt(this.workload.doc, this.node, path);
  }

  value(path: readonly PathSegment[]): unknown {
    return scalarValue(this.get(path));
  }

  key(path: readonly PathSegment[]): Scalar | undefined {
    return keyAt(this.workload.doc, this.node, path);
  }

  /**
   * A `securityContext` field as the kubelet sees it: the container's value when set (not null),
   * else the pod's. `field` may be a path such as `seccompProfile.type`.
   */
  effective(field: string): Effective | undefined {
    const path = ['securityContext', ...field.split('.')];
    const own = this.get(path);
    if (own && !isNull(own)) return { value: scalarValue(own) ?? own, node: own, from: 'container' };
    const pod = this.workload.get(path);
    if (pod && !isNull(pod)) return { value: scalarValue(pod) ?? pod, node: pod, from: 'pod' };
    return undefined;
  }
}

function isNull(node: Node): boolean {
  return (node as Scalar).value === null && !(asMap(node) || asSeq(node));
}

export function workloadOf(resource: Resource): Workload | undefined {
  return isWorkload(resource) ? new Workload(resource, podPaths[resource.kind]) : undefined;
}

/**
 * A group Kubernetes itself serves: the core group (`v1`) and the groups without a dot (`apps`, `batch`,
 * `extensions`). Custom resources always have a dot in their group.
 */
const builtInGroup = /^([a-z0-9-]+\/)?v\d+((alpha|beta)\d+)?$/;

/**
 * Whether the resource carries a pod template (workloadOf gives a workload), without building its view.
 * A workload kind under a built-in apiVersion that does not serve it (`v1` + Deployment) is still one:
 * its pods are what the author meant, and the schema rules report the apiVersion.
 */
export function isWorkload(resource: Resource): boolean {
  const paths = podPaths[resource.kind];
  return paths !== undefined && (paths.groups.test(resource.apiVersion) || builtInGroup.test(resource.apiVersion));
}
