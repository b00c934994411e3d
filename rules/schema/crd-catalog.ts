// Where the schema of a custom resource comes from: a CustomResourceDefinition of the workspace,
// else the bundled Istio CRDs. A custom resource of neither has no known schema and is not checked.

import type { WorkspaceView } from '../../server/src/engine';
import { groupOf } from './catalog';
import { crdSchemas, schemasOf } from './crd-facts';
import type { CompiledSchema, CrdSchemas } from './crd-schema';

/** A bundled CRD: a version whose schema equals another's names that version. */
export interface BundledCrd extends Omit<CrdSchemas, 'versions'> {
  versions: Record<string, CompiledSchema | string>;
}
import { istioSchemaJson } from './istio-schemas';

let istio: Map<string, CompiledSchema> | undefined;

const gvk = (group: string, version: string, kind: string) => `${group}/${version}/${kind}`;

function bundled(): Map<string, CompiledSchema> {
  if (istio) return istio;
  istio = new Map();
  for (const crd of JSON.parse(istioSchemaJson) as BundledCrd[]) {
    for (const [version, schema] of Object.entries(crd.versions)) {
      const shared = typeof schema === 'string' ? crd.versions[schema] : schema;
      if (typeof shared !== 'string') istio.set(gvk(crd.group, version, crd.kind), shared);
    }
  }
  return istio;
}

/** The schema of a custom resource: the workspace's CRD first (it may be newer than the bundle), then Istio's. */
export function customSchema(apiVersion: string, kind: string, workspace: WorkspaceView | undefined): CompiledSchema | undefined {
  const group = groupOf(apiVersion);
  const version = apiVersion.slice(group.length + 1);
  if (!group || !version) return undefined;
  for (const crd of workspace?.facts(crdSchemas, '*') ?? []) {
    const schema = crd.group === group && crd.kind === kind && crd.versions.includes(version) ? schemasOf(crd)?.versions[version] : undefined;
    if (schema) return schema;
  }
  return bundled().get(gvk(group, version, kind));
}
