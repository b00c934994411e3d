// Editor settings (section `kubeHarden`): fetched per resource with `workspace/configuration`,
// cached as promises and cleared on `workspace/didChangeConfiguration`, as vscode-eslint does.
// Clients without the configuration request get defaults, `initializationOptions.settings`, or
// whatever they push in `didChangeConfiguration`.

import { CustomRuleConfig, defaultVersion, errorMessage, PartialConfig, PodSecurityLevel, SeveritySetting, validateConfig } from '../engine';

export interface Settings {
  enable: boolean;
  kubernetesVersion: string;
  podSecurityLevel: PodSecurityLevel;
  rules: Record<string, SeveritySetting>;
  /** `kubeHarden.exclude`: globs (relative to the workspace folder) of files the workspace index skips. */
  exclude?: string[];
  /** `kubeHarden.secrets.credentialNames`: extra credential-like name fragments. */
  credentialNames?: string[];
  /** `kubeHarden.images.allowedRegistries`: the registries images may come from. */
  allowedRegistries?: string[];
  /** `kubeHarden.imageScan.*`: which scanner, how long a scan is reused, how long one may take. */
  imageScan?: { scanner?: string; cacheMinutes?: number; timeoutSeconds?: number };
  /** `kubeHarden.helm.*`: the helm executable and the values files (relative to the chart) its renders use. */
  helm?: { command: string; valuesFiles: string[] };
  /** `kubeHarden.kustomize.render` and `.command`: the rendered check of Kustomize overlays. */
  kustomize?: { render?: boolean; command?: string };
  /** `kubeHarden.peerSuppressions`: other linters' suppression annotations count. */
  peerSuppressions?: boolean;
  /** `kubeHarden.schema.enable`: the schema rules run. */
  schemaEnable?: boolean;
  /** `kubeHarden.customRules`: the user's own rules (those valid against the config schema). */
  customRules?: CustomRuleConfig[];
  /** `kubeHarden.policies.folder`: a folder of admission policies indexed with the workspace (relative to the workspace folder, or absolute). */
  policiesFolder?: string;
}

export const defaultSettings: Settings = { enable: true, kubernetesVersion: defaultVersion, podSecurityLevel: 'restricted', rules: {} };

const levels = new Set(['privileged', 'baseline', 'restricted']);
const severities = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** Reads untrusted settings field by field: a wrong field falls back to its default, never throws. */
export function normalizeSettings(value: unknown, base: Settings = defaultSettings): Settings {
  const out: Settings = { ...base, rules: { ...base.rules } };
  if (value == null || typeof value !== 'object' || Array.isArray(value)) return out;
  const v = value as Record<string, unknown>;
  if (typeof v.enable === 'boolean') out.enable = v.enable;
  if (typeof v.kubernetesVersion === 'string' && v.kubernetesVersion.trim()) out.kubernetesVersion = v.kubernetesVersion.trim();
  if (typeof v.podSecurityLevel === 'string' && levels.has(v.podSecurityLevel)) out.podSecurityLevel = v.podSecurityLevel as PodSecurityLevel;
  const policies = v.policies as Record<string, unknown> | undefined;
  if (policies && typeof policies === 'object' && typeof policies.folder === 'string' && policies.folder.trim()) out.policiesFolder = policies.folder.trim();
  if (Array.isArray(v.exclude)) out.exclude = v.exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  const secrets = v.secrets as Record<string, unknown> | undefined;
  if (secrets && typeof secrets === 'object' && Array.isArray(secrets.credentialNames)) {
    out.credentialNames = secrets.credentialNames.filter((n): n is string => typeof n === 'string' && n.trim() !== '');
  }
  const images = v.images as Record<string, unknown> | undefined;
  if (images && typeof images === 'object' && Array.isArray(images.allowedRegistries)) {
    out.allowedRegistries = images.allowedRegistries.filter((n): n is string => typeof n === 'string' && n.trim() !== '');
  }
  const imageScan = v.imageScan as Record<string, unknown> | undefined;
  if (imageScan && typeof imageScan === 'object' && !Array.isArray(imageScan)) {
    out.imageScan = {};
    if (typeof imageScan.scanner === 'string' && imageScan.scanner.trim() !== '') out.imageScan.scanner = imageScan.scanner.trim();
    if (typeof imageScan.cacheMinutes === 'number' && imageScan.cacheMinutes >= 0) out.imageScan.cacheMinutes = imageScan.cacheMinutes;
    if (typeof imageScan.timeoutSeconds === 'number' && imageScan.timeoutSeconds >= 1) out.imageScan.timeoutSeconds = imageScan.timeoutSeconds;
  }
  const helm = v.helm as Record<string, unknown> | undefined;
  if (helm && typeof helm === 'object' && !Array.isArray(helm)) {
    out.helm = {
      command: typeof helm.command === 'string' && helm.command.trim() ? helm.command.trim() : 'helm',
      valuesFiles: Array.isArray(helm.valuesFiles) ? helm.valuesFiles.filter((f): f is string => typeof f === 'string' && f.trim() !== '') : [],
    };
  }
  const kustomize = v.kustomize as Record<string, unknown> | undefined;
  if (kustomize && typeof kustomize === 'object') {
    out.kustomize = {};
    if (typeof kustomize.render === 'boolean') out.kustomize.render = kustomize.render;
    if (typeof kustomize.command === 'string' && kustomize.command.trim() !== '') out.kustomize.command = kustomize.command.trim();
  }
  if (typeof v.peerSuppressions === 'boolean') out.peerSuppressions = v.peerSuppressions;
  const schema = v.schema as Record<string, unknown> | undefined;
  if (schema && typeof schema === 'object' && typeof schema.enable === 'boolean') out.schemaEnable = schema.enable;
  if (Array.isArray(v.customRules) && v.customRules.length > 0) out.customRules = validateConfig({ customRules: v.customRules }).config.customRules;
  if (v.rules && typeof v.rules === 'object' && !Array.isArray(v.rules)) {
    for (const [id, severity] of Object.entries(v.rules as Record<string, unknown>)) {
      if (typeof severity === 'string' && severities.has(severity)) out.rules[id] = severity as SeveritySetting;
    }
  }
  return out;
}

export function settingsToConfig(settings: Settings): PartialConfig {
  const config: PartialConfig = { kubernetesVersion: settings.kubernetesVersion, podSecurityLevel: settings.podSecurityLevel, rules: settings.rules };
  if (settings.credentialNames?.length) config.secrets = { credentialNames: settings.credentialNames };
  if (settings.allowedRegistries?.length) config.images = { allowedRegistries: settings.allowedRegistries };
  if (settings.kustomize) config.kustomize = settings.kustomize;
  if (settings.imageScan) config.imageScan = settings.imageScan;
  if (settings.peerSuppressions !== undefined) config.peerSuppressions = settings.peerSuppressions;
  if (settings.schemaEnable !== undefined) config.schema = { enable: settings.schemaEnable };
  if (settings.customRules?.length) config.customRules = settings.customRules;
  return config;
}

export type ConfigurationFetcher = (scopeUri: string | undefined) => Promise<unknown>;

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private pushed: Settings;
  /** Incremented on every change, so cached analyses made under older settings are not reused. */
  generation = 0;

  /** `fetch` is undefined when the client cannot answer `workspace/configuration`. */
  constructor(
    private readonly fetch: ConfigurationFetcher | undefined,
    initial: unknown,
    private readonly log: (message: string) => void,
  ) {
    this.pushed = normalizeSettings(initial);
  }

  get(uri: string | undefined): Promise<Settings> {
    const key = uri ?? '';
    let settings = this.cache.get(key);
    if (!settings) {
      settings = this.load(uri);
      this.cache.set(key, settings);
    }
    return settings;
  }

  /** On `didChangeConfiguration`: forget everything; take pushed settings from clients that push them. */
  changed(pushedSettings: unknown): void {
    if (!this.fetch && pushedSettings && typeof pushedSettings === 'object') {
      const section = (pushedSettings as Record<string, unknown>).kubeHarden;
      if (section !== undefined) this.pushed = normalizeSettings(section);
    }
    this.cache.clear();
    this.generation++;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async load(uri: string | undefined): Promise<Settings> {
    if (!this.fetch) return this.pushed;
    try {
      const value = await this.fetch(uri);
      return normalizeSettings(value, this.pushed);
    } catch (error) {
      this.log(`Could not read the kubeHarden settings (${errorMessage(error)}); using defaults.`);
      return this.pushed;
    }
  }
}
