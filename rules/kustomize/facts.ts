// The kustomize family's facts: each kustomization file (`kustomization.yaml`, `.yml`, `Kustomization`,
// a Component's too) as plain data: what it builds from, which files it uses as patches and which as
// tool input, and the transformations it declares. Its roles tell the workspace model that a patch is
// a partial resource and that the kustomization itself, JSON 6902 patches and tool configuration files
// are no Kubernetes resources.

import { asMap, defineFacts, Document, Fact, FileExtractContext, Node, nodeAt, ParsedFile, plain, RoleClaim, scalarValue, YAMLMap } from '../../server/src/engine';
import { isInlineText, resolveFrom, yamlFile } from './paths';

export const kustomizationFileNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** How a patch is applied: a strategic-merge patch is a partial resource; a JSON 6902 patch is a list of operations. */
export type PatchType = 'strategic-merge' | 'json6902';

export interface PatchRef {
  /** The patch file's key. */
  file: string;
  type: PatchType;
}

export interface ImageOverride {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

export interface KustomizationFact extends Fact {
  /** `Kustomization`, or `Component` for a component (kustomize.config.k8s.io/v1alpha1). */
  kind: string;
  /** Keys of the files and folders it builds from (`resources`, and the older `bases`). */
  resources: string[];
  components: string[];
  /** Patches given by path (`patches`, `patchesStrategicMerge`, `patchesJson6902`). */
  patches: PatchRef[];
  /** Patches written into the kustomization itself: text, not files. */
  inlinePatches: number;
  /** Files read as tool input, not resources: replacement sources, transformer and generator configurations. */
  toolFiles: string[];
  namePrefix?: string;
  nameSuffix?: string;
  namespace?: string;
  images: ImageOverride[];
  /** How many replacements it declares (inline or by path). */
  replacements: number;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

function extractKustomization(doc: Document, root: YAMLMap, ctx: FileExtractContext): KustomizationFact {
  const k = record(plain(doc, root));
  const resolve = (path: unknown) => (typeof path === 'string' ? resolveFrom(ctx.file, path) : undefined);
  const keys = (values: unknown[]) => values.map(resolve).filter((v): v is string => v !== undefined);
  const patches: PatchRef[] = [];
  let inlinePatches = 0;
  const addPatch = (path: unknown, inline: unknown, type: PatchType) => {
    const file = typeof path === 'string' && !isInlineText(path) ? resolve(path) : undefined;
    if (file) patches.push({ file, type });
    else if (typeof inline === 'string' || typeof path === 'string') inlinePatches++;
  };
  // `patches` entries are strategic-merge or JSON 6902 by their content; a 6902 file is a YAML
  // sequence, which declares no resource, so reading both as partial resources is safe.
  for (const p of list(k.patches)) addPatch(record(p).path, record(p).patch, 'strategic-merge');
  for (const p of list(k.patchesStrategicMerge)) addPatch(p, undefined, 'strategic-merge');
  for (const p of list(k.patchesJson6902)) addPatch(record(p).path, record(p).patch, 'json6902');

  const toolFiles: string[] = [];
  const addTool = (path: unknown) => {
    const file = typeof path === 'string' && yamlFile.test(path) && !isInlineText(path) ? resolve(path) : undefined;
    if (file) toolFiles.push(file);
  };
  for (const r of list(k.replacements)) addTool(record(r).path);
  for (const field of ['transformers', 'generators', 'validators', 'configurations', 'crds']) list(k[field]).forEach(addTool);
  addTool(record(k.openapi).path);
  // Generators read files into ConfigMaps and Secrets (`key=path` or a path): their content is data.
  for (const g of [...list(k.configMapGenerator), ...list(k.secretGenerator)]) {
    for (const f of [...list(record(g).files), ...list(record(g).envs)]) if (typeof f === 'string') addTool(f.slice(f.indexOf('=') + 1));
  }

  const images = list(k.images)
    .map(record)
    .filter((i) => typeof i.name === 'string')
    .map((i) => ({ name: i.name as string, newName: text(i.newName), newTag: i.newTag === undefined ? undefined : String(i.newTag), digest: text(i.digest) }));
  return {
    at: ctx.at(root),
    kind: text(k.kind) ?? 'Kustomization',
    resources: keys([...list(k.resources), ...list(k.bases)]),
    components: keys(list(k.components)),
    patches,
    inlinePatches,
    toolFiles,
    namePrefix: text(k.namePrefix),
    nameSuffix: text(k.nameSuffix),
    namespace: text(k.namespace),
    images,
    replacements: list(k.replacements).length,
  };
}

/** Every kustomization file of the workspace, read whole whether or not it carries apiVersion and kind. */
export const kustomizations = defineFacts<KustomizationFact>({
  id: 'kustomize.kustomization',
  kinds: [],
  extract: () => [],
  fileNames: kustomizationFileNames,
  extractFile(file: ParsedFile, ctx) {
    const out: KustomizationFact[] = [];
    for (const { doc, hasErrors } of file.documents) {
      const root = asMap(doc.contents as Node | null);
      if (!root || hasErrors) continue;
      // A file of that name that is a manifest (a resource of another kind) is not a kustomization.
      const kind = scalarValue(nodeAt(doc, root, ['kind']));
      if (kind !== undefined && kind !== 'Kustomization' && kind !== 'Component') continue;
      out.push(extractKustomization(doc, root, ctx));
    }
    return out;
  },
  // A kustomization may set the namespace of everything it builds: any namespace.
  namespaceOf: () => '*',
  roles(fact): RoleClaim[] {
    return [
      { file: fact.at.file, role: 'not-a-resource' },
      ...fact.patches.map((p) => ({ file: p.file, role: p.type === 'json6902' ? ('not-a-resource' as const) : ('partial' as const) })),
      ...fact.toolFiles.map((file) => ({ file, role: 'not-a-resource' as const })),
    ];
  },
});
