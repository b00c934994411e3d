// The rule catalog, family by family. Each family lives in `rules/<family>/`: its rules (`<id>.ts`
// beside `<id>.md`), its analysis and its fact extractors; its category is its folder's name.

import { Config, DefinitionProvider, extractorsOf, FactExtractor, HoverProvider, LoadedConfig, loadConfigText, RuleDefinition } from '../server/src/engine';
import { customRuleProblems } from './policy/config-problems';
import { customRulesOf } from './policy/custom-rules';
import { repository } from '../package.json';
import { rules as admission } from './admission';
import { podSecurityDefaults } from './admission/pod-security-defaults';
import { kustomizations } from './kustomize/facts';
import { kustomizeHover } from './kustomize/hover';
import { rules as images } from './images';
import { scanHover } from './images/scan-hover';
import { rules as network } from './network';
import { networkHover } from './network/hover';
import { rules as podSecurity } from './pod-security';
import { rules as policy } from './policy';
import { policyDefinition, policyHover } from './policy/hover';
import { rules as rbac } from './rbac';
import { rbacHover } from './rbac/hover';
import { rules as runtime } from './runtime';
import { rules as schema } from './schema';
import { rules as secrets } from './secrets';
import { seccompHover } from './runtime/seccomp-hover';
import { localhostProfileDefinition, localhostProfileHover } from './runtime/localhost-profile-links';
import { rules as serviceMesh } from './service-mesh';
import { meshHover } from './service-mesh/hover';
import { apiAndTextRules } from './schema/api-and-text';
export { renderedSources } from './rendered/render-source';
export type { RenderSource } from './rendered/render-source';
export { mapChartFindings } from './helm/chart-map';
export { imagesOf, imagesOfFile, reportEntry, scanEntry, scanKeyPrefix, scanOfOutput, scanReports } from './images/scan-facts';
export type { ImageScan } from './images/scan-summary';
export { scanReportOf } from './images/scan-report';
export { referenceKeys } from './images/scan-summary';
export { valuesFix } from './helm/values-fix';
export type { ValuesFix } from './helm/values-fix';
export type { ChartFiles, ChartLocation, MappedFinding as ChartFinding } from './helm/chart-map';

export const rules: readonly RuleDefinition[] = [...podSecurity, ...runtime, ...images, ...secrets, ...network, ...rbac, ...admission, ...policy, ...serviceMesh, ...apiAndTextRules, ...schema];

/**
 * Extractors that no rule reads but the workspace model needs: the kustomize family says which files
 * are patches (partial resources) and which are no resources at all, through their roles; the
 * admission family gives the PodSecurity plugin's defaults and exemptions, which set the level of
 * the Pod Security rules in namespaces without labels (a rule that reads it may be off).
 */
export const familyExtractors: readonly FactExtractor[] = [kustomizations, podSecurityDefaults];

/** Every extractor of a workspace model checked with these rules. */
export function workspaceExtractors(checked: readonly RuleDefinition[] = rules): FactExtractor[] {
  return [...extractorsOf(checked), ...familyExtractors];
}

/** What families add to the hover of a resource. */
export const hovers: readonly HoverProvider[] = [kustomizeHover, networkHover, rbacHover, meshHover, seccompHover, localhostProfileHover, scanHover, policyHover];

/** What families answer to go-to-definition (a `localhostProfile` opens its profile file). */
export const definitions: readonly DefinitionProvider[] = [localhostProfileDefinition, policyDefinition];

export const rulesById: ReadonlyMap<string, RuleDefinition> = new Map(rules.map((r) => [r.id, r]));

const builtInIds: ReadonlySet<string> = new Set(rulesById.keys());

/** The catalog and the custom rules of a configuration (`customRules`), which run like the catalog's. */
export function rulesFor(config: Config): readonly RuleDefinition[] {
  if (!config.customRules?.length) return rules;
  const custom = customRulesOf(config, builtInIds);
  return custom.length ? [...rules, ...custom] : rules;
}

/** A rule of the catalog or a custom rule of the configuration, by id. */
export function ruleById(id: string, config?: Config): RuleDefinition | undefined {
  return rulesById.get(id) ?? (config ? rulesFor(config).find((r) => r.id === id) : undefined);
}

/** `.kube-harden.yaml` validated, its custom rules' expressions compiled: every problem at its place. */
export function loadConfigFileText(text: string): LoadedConfig {
  const loaded = loadConfigText(text);
  const problems = [...loaded.problems, ...customRuleProblems(loaded.doc, text, builtInIds)].sort((a, b) => a.offset - b.offset);
  return { config: loaded.config, problems, doc: loaded.doc };
}

/**
 * The repository's web address, from the `repository` field of package.json (a string or `{url}`,
 * with or without `git+` and `.git`): the one place it is written down.
 */
export function repositoryWebUrl(from: string | { url: string } = repository): string {
  const url = typeof from === 'string' ? from : from.url;
  return url
    .replace(/^git\+/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
}

/** Where the documentation pages are browsed online: the repository's main branch. */
export const docsBaseUrl = `${repositoryWebUrl()}/blob/main/rules/`;

/** The rule's documentation page relative to `rules/`: `<family>/<id>.md`. */
export function docPath(ruleId: string): string {
  const family = rulesById.get(ruleId)?.meta.category;
  return family ? `${family}/${ruleId}.md` : '';
}

/** What the engine reports itself (a rule that failed, a syntax error) is documented beside the guides, not as rules. */
const engineDocs: Record<string, string> = { 'internal-error': 'docs/internal-error.md', 'yaml-syntax': 'docs/yaml-syntax.md' };

/**
 * A rule's (or engine diagnostic's) documentation file relative to the package root, as it ships in
 * the VSIX beside dist/: `rules/<family>/<id>.md` or `docs/<id>.md`; '' for an unknown id.
 */
export function docFile(ruleId: string): string {
  const path = engineDocs[ruleId] ?? (docPath(ruleId) && `rules/${docPath(ruleId)}`);
  return path || '';
}

const docsUrls = new Map<string, string>();
/** Asked for every diagnostic of every keystroke, hence kept per rule. */
export function docsUrl(ruleId: string): string {
  let url = docsUrls.get(ruleId);
  if (url === undefined) docsUrls.set(ruleId, (url = new URL(docFile(ruleId) || 'docs/rules.md', `${repositoryWebUrl()}/blob/main/`).href));
  return url;
}
export { checkRendering, mapRendered, pathAt, locate } from './kustomize/map-rendered';
export type { MappedFinding as OverlayFinding, MapRequest, RenderedFixing, Step } from './kustomize/map-rendered';
export { baseFix, changedByOverlay, existingPatchFix, overlayPatchFix, patchOf, patchTarget, renderedChanges } from './kustomize/overlay-fix';
export type { Change, OverlayPatchFix, OwnPatch, PatchTarget } from './kustomize/overlay-fix';
export { addPatchEntry, patchText } from './kustomize/kustomization-edit';
export { overlaysOf, overlayTree, overlayName, kustomizationDir, filesOfTree } from './kustomize/overlays';
export { kustomizations } from './kustomize/facts';
export type { KustomizationFact } from './kustomize/facts';
