// Configuration shared by the server and the CLI: editor settings or flags, overlaid by the
// workspace file `.kube-harden.yaml` (so CI and the editor agree), validated with ajv.

import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from './config-schema.json';
import compiledValidate from './generated/config-validator';
import { Document, parseDocument } from 'yaml';
import { PodSecurityLevel, Severity, SeveritySetting } from './rule';
import { defaultVersion, parseMinor } from './version';
import { syntaxMessage } from './syntax-messages';

export interface Config {
  kubernetesVersion: string;
  podSecurityLevel: PodSecurityLevel;
  /** Per-rule severity, or `off`. */
  rules: Record<string, SeveritySetting>;
  /** Settings of the `secrets` rules. */
  secrets?: SecretsConfig;
  /** Rendering of Kustomize overlays. */
  kustomize?: KustomizeConfig;
  /** Whether other linters' suppression annotations suppress the equivalent rules (default true). */
  peerSuppressions?: boolean;
  /** Settings of the `images` rules. */
  images?: ImagesConfig;
  /** Vulnerability scans of images (the `image-vulnerabilities` rule): which scanner, how long a scan is reused. */
  imageScan?: ImageScanConfig;
  /** The schema rules: `enable: false` turns the whole category off (for users of another validator). */
  schema?: { enable?: boolean };
  /** Rules of the user's own, evaluated by the policy family (a CEL expression per rule). */
  customRules?: CustomRuleConfig[];
  /** Admission policies kept outside the checked paths: `folder`, relative to the config file. */
  policies?: { folder?: string };
}

/** A rule written in `.kube-harden.yaml` or the settings: which resources, and the CEL that they must satisfy. */
export interface CustomRuleConfig {
  id: string;
  title?: string;
  severity?: Severity;
  match?: {
    kinds?: string[];
    namespaces?: string[];
    labelSelector?: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> };
  };
  expression: string;
  message?: string;
  messageExpression?: string;
}

export interface KustomizeConfig {
  /** Whether overlays are rendered and their rendering checked (default true). */
  render?: boolean;
  /** `auto`, `kubectl kustomize`, `kustomize build` or a path to either binary. */
  command?: string;
  /** Milliseconds one rendering may take. */
  timeout?: number;
}

export interface SecretsConfig {
  /** Extra name fragments (case-insensitive) that make an env var, flag or ConfigMap key credential-like. */
  credentialNames: string[];
}

export interface ImagesConfig {
  /** Registries (hosts, or hosts with a path prefix such as `ghcr.io/acme`) images may come from; empty: any. */
  allowedRegistries: string[];
}

export interface ImageScanConfig {
  /** `auto` (Trivy, else Grype), `trivy` or `grype`; a path only from the editor's machine-scoped setting. */
  scanner?: string;
  /** Minutes a scan of an image reference is reused. */
  cacheMinutes?: number;
  timeoutSeconds?: number;
}

export type PartialConfig = Partial<Config>;

export const defaultConfig: Config = { kubernetesVersion: defaultVersion, podSecurityLevel: 'restricted', rules: {} };

export const configFileNames = ['.kube-harden.yaml', '.kube-harden.yml'];

/** The schema lives in JSON so the build can compile it ahead of time (scripts/gen-validators.mjs). */
export const configSchema = schema;

// Compiled by ajv at build time: compiling at start-up would cost every CLI run and server start
// about 0.2 s (measured here); the generated code needs only ajv's small runtime helpers.
const validate = compiledValidate as ValidateFunction<PartialConfig>;

export interface ConfigProblem {
  message: string;
  /** Offset of the offending node in the config file, when known. */
  offset: number;
  length: number;
}

export interface LoadedConfig {
  config: PartialConfig;
  problems: ConfigProblem[];
  /** The file's syntax tree when it parsed: families check their own parts of it (custom rules' expressions) at their positions. */
  doc?: Document;
}

/** Validates a config object; invalid fields are dropped and reported, never fatal. */
export function validateConfig(value: unknown): { config: PartialConfig; errors: string[] } {
  if (value == null) return { config: {}, errors: [] };
  if (validate(value)) return { config: value, errors: [] };
  const errors = (validate.errors ?? []).map(describe);
  // Keep what is valid so one typo does not switch everything back to defaults.
  const config: PartialConfig = {};
  if (typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    for (const key of Object.keys(configSchema.properties) as Array<keyof Config>) {
      if (!(key in v)) continue;
      const single = { [key]: v[key] };
      if (validate(single)) Object.assign(config, single);
      // One mistyped custom rule must not take the others with it.
      else if (key === 'customRules' && Array.isArray(v[key])) config.customRules = (v[key] as unknown[]).filter((rule) => validate({ customRules: [rule] })) as CustomRuleConfig[];
    }
  }
  return { config, errors };
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'configuration';
  if (error.keyword === 'additionalProperties') return `${where}: unknown setting "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'enum') return `${where}: must be one of ${(error.params.allowedValues as string[]).join(', ')}`;
  if (error.keyword === 'pattern') return `${where}: must be a Kubernetes version such as "1.29" or "latest"`;
  return `${where}: ${error.message ?? 'is invalid'}`;
}

/** Parses and validates the text of `.kube-harden.yaml`. */
export function loadConfigText(text: string): LoadedConfig {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return { config: {}, problems: [{ message: `invalid YAML: ${syntaxMessage(e)}`, offset: e.pos[0], length: e.pos[1] - e.pos[0] }] };
  }
  const { config, errors } = validateConfig(doc.toJS({ maxAliasCount: 20 }));
  const problems = errors.map((message) => {
    const path = message
      .split(':')[0]
      .split('.')
      .filter((p) => p && p !== 'configuration');
    const node = path.length ? (doc.getIn(path, true) as { range?: [number, number, number] } | undefined) : undefined;
    const range = node?.range ?? (doc.contents as { range?: [number, number, number] } | null)?.range ?? [0, 0, 0];
    return { message, offset: range[0], length: range[1] - range[0] };
  });
  return { config, problems, doc };
}

/** Later layers win field by field; rule severities are merged. */
export function mergeConfig(...layers: PartialConfig[]): Config {
  const out: Config = { ...defaultConfig, rules: {} };
  for (const layer of layers) {
    if (layer.kubernetesVersion !== undefined && parseMinor(layer.kubernetesVersion) !== undefined) out.kubernetesVersion = layer.kubernetesVersion;
    if (layer.podSecurityLevel !== undefined) out.podSecurityLevel = layer.podSecurityLevel;
    if (layer.rules) Object.assign(out.rules, layer.rules);
    if (layer.peerSuppressions !== undefined) out.peerSuppressions = layer.peerSuppressions;
    if (layer.schema?.enable !== undefined) out.schema = { enable: layer.schema.enable };
    if (layer.policies?.folder !== undefined) out.policies = { folder: layer.policies.folder };
    if (layer.kustomize) out.kustomize = { ...out.kustomize, ...layer.kustomize };
    if (layer.imageScan) out.imageScan = { ...out.imageScan, ...layer.imageScan };
    // A later layer's rule replaces an earlier one of the same id (the file's over the setting's).
    if (layer.customRules) out.customRules = [...(out.customRules ?? []).filter((r) => !layer.customRules!.some((l) => l.id === r.id)), ...layer.customRules];
    if (layer.images?.allowedRegistries) out.images = { allowedRegistries: [...(out.images?.allowedRegistries ?? []), ...layer.images.allowedRegistries] };
    if (layer.secrets?.credentialNames) out.secrets = { credentialNames: [...(out.secrets?.credentialNames ?? []), ...layer.secrets.credentialNames] };
  }
  return out;
}
