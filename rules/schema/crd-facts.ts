// The schema family's facts in the workspace model: the compiled schemas of every
// CustomResourceDefinition manifest, so a custom resource in any file is checked against the CRD of
// its group, version and kind, and re-checked when that CRD changes.

import { defineFacts, nodeAt } from '../../server/src/engine';
import type { Fact, NamespaceKey, Node } from '../../server/src/engine';
import { compileCrd, CrdSchemas } from './crd-schema';

export interface CrdSchemaFact extends Fact, CrdSchemas {}

export const crdSchemas = defineFacts<CrdSchemaFact>({
  id: 'schema.crd',
  kinds: ['CustomResourceDefinition'],
  extract(resource, ctx) {
    if (!resource.apiVersion.startsWith('apiextensions.k8s.io/')) return [];
    const spec = nodeAt(resource.doc, resource.root, ['spec']) as Node | undefined;
    const compiled = spec && compileCrd(resource.apiVersion, spec.toJS(resource.doc, { maxAliasCount: 100 }) as unknown);
    return compiled ? [{ at: ctx.at(), ...compiled }] : [];
  },
  // A CRD is clusterwide: its schema holds for custom resources of every namespace.
  namespaceOf: (): NamespaceKey => '*',
});
