// The rule catalog, family by family. Each family lives in `rules/<family>/`: its rules (`<id>.ts`
// beside `<id>.md`), its analysis and its fact extractors; its category is its folder's name.

import { extractorsOf, FactExtractor, HoverProvider, RuleDefinition } from '../server/src/engine';
import { kustomizations } from './kustomize/facts';
import { kustomizeHover } from './kustomize/hover';
import { rules as network } from './network';
import { networkHover } from './network/hover';
import { rules as podSecurity } from './pod-security';
import { rules as schema } from './schema';
import { rules as secrets } from './secrets';
export { renderedSources } from './rendered/render-source';
export type { RenderSource } from './rendered/render-source';
export { mapChartFindings } from './helm/chart-map';
export { valuesFix } from './helm/values-fix';
export type { ValuesFix } from './helm/values-fix';
export type { ChartFiles, ChartLocation, MappedFinding as ChartFinding } from './helm/chart-map';

export const rules: readonly RuleDefinition[] = [...podSecurity, ...secrets, ...network, ...schema];

/**
 * Extractors that no rule reads but the workspace model needs: the kustomize family says which files
 * are patches (partial resources) and which are no resources at all, through their roles.
 */
export const familyExtractors: readonly FactExtractor[] = [kustomizations];

/** Every extractor of a workspace model checked with these rules. */
export function workspaceExtractors(checked: readonly RuleDefinition[] = rules): FactExtractor[] {
  return [...extractorsOf(checked), ...familyExtractors];
}

/** What families add to the hover of a resource. */
export const hovers: readonly HoverProvider[] = [kustomizeHover, networkHover];

export const rulesById: ReadonlyMap<string, RuleDefinition> = new Map(rules.map((r) => [r.id, r]));

export const docsBaseUrl = 'https://github.com/kube-harden/kube-harden/blob/main/rules/';

/** The rule's documentation page relative to `rules/`: `<family>/<id>.md`. */
export function docPath(ruleId: string): string {
  const family = rulesById.get(ruleId)?.meta.category;
  return family ? `${family}/${ruleId}.md` : '';
}

/** What the engine reports itself (a rule that failed, a syntax error) is documented beside the guides, not as rules. */
const engineDocs: Record<string, string> = { 'internal-error': '../docs/internal-error.md', 'yaml-syntax': '../docs/yaml-syntax.md' };

export function docsUrl(ruleId: string): string {
  const engine = engineDocs[ruleId];
  return engine ? new URL(engine, docsBaseUrl).href : `${docsBaseUrl}${docPath(ruleId)}`;
}
export { checkRendering, mapRendered, pathAt, locate } from './kustomize/map-rendered';
export type { MappedFinding as OverlayFinding, MapRequest, Step } from './kustomize/map-rendered';
export { overlaysOf, overlayTree, overlayName, kustomizationDir, filesOfTree } from './kustomize/overlays';
export { kustomizations } from './kustomize/facts';
export type { KustomizationFact } from './kustomize/facts';
