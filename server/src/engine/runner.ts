// The rule runner: every rule that applies to a resource, at the level and version in force for
// that resource's namespace, runs in isolation; suppressions and severities are applied here.

import { Config } from './config';
import { clusterDefaultKey, NamespacePolicies } from './namespaces';
import { ParsedFile, ParseProblem } from './parse';
import { readsKind, Resource, resourcesOf } from './resources';
import { failureFinding } from './rule-failure';
import { Finding, formatMessage, inFileOrder, PodSecurityLevel, Report, RuleContext, RuleDefinition, Severity } from './rule';
import { peerIndex, suppressedByAnnotation, suppressedByComment } from './suppression';
import { latestMinor, parseMinor } from './version';
import { Workload, workloadKinds, workloadOf } from './workload';
import { PartialTrust, repairedResources } from './partial-trust';
import { extractEntry, factsOfResource } from './workspace/extract';
import { extractorsOf } from './workspace/reads';
import { WorkspaceModel, WorkspaceView } from './workspace/model';
import { span } from './yaml-ast';

export interface LintOptions {
  config: Config;
  rules: readonly RuleDefinition[];
  /**
   * The workspace the rules read (the Namespaces that set levels, and every fact of `workspace`
   * rules); it must hold this file's facts from its current text. Without it, the file alone is
   * the workspace.
   */
  workspace?: WorkspaceView;
  /** Called when a rule throws (its resource gets an `internal-error` finding); the other rules still run. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface LintResult {
  findings: Finding[];
  problems: ParseProblem[];
  resources: Resource[];
  /**
   * The findings of documents with syntax errors that their broken lines could change: not shown,
   * but a caller that knows they held before the typing began may keep showing them (lsp/last-good.ts).
   */
  withheld: Finding[];
}

export interface Target {
  level: PodSecurityLevel;
  minor: number;
}

/**
 * The level and version in force for a resource: its namespace's labels, else the cluster's default
 * (the PodSecurity plugin's configuration in the workspace), else the configuration.
 */
export function targetFor(resource: Resource, config: Config, namespaces: NamespacePolicies): Target {
  const fallbackMinor = parseMinor(config.kubernetesVersion) ?? latestMinor;
  const policy = resource.namespace !== null ? namespaces.get(resource.namespace) : undefined;
  const cluster = namespaces.get(clusterDefaultKey);
  return { level: policy?.level ?? cluster?.level ?? config.podSecurityLevel, minor: policy?.minor ?? cluster?.minor ?? fallbackMinor };
}

const levelRank: Record<PodSecurityLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };

/** Whether a rule runs at this target, following Pod Security Admission's versions and overrides. */
export function ruleApplies(rule: RuleDefinition, target: Target, all: readonly RuleDefinition[]): boolean {
  const pss = rule.meta.pss;
  if (!pss) return true;
  if (levelRank[target.level] < levelRank[pss.level]) return false;
  if (target.minor < (parseMinor(pss.versions[0]) ?? 0)) return false;
  if (target.level === 'restricted') {
    // A restricted check replaces the baseline check it overrides from its own version on.
    for (const other of all) {
      const o = other.meta.pss?.overrides;
      if (o && o.check === pss.check && target.minor >= (parseMinor(o.from) ?? 0)) return false;
    }
  }
  return true;
}

/** The baseline rule a restricted rule replaces, whose severity and suppressions its baseline-breaking findings take. */
export function replacedRule(rule: RuleDefinition, all: readonly RuleDefinition[]): RuleDefinition | undefined {
  const check = rule.meta.pss?.overrides?.check;
  return check ? all.find((r) => r.meta.pss?.check === check) : undefined;
}

const milderSeverity: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'hint', hint: 'hint' };

/** The severity a rule runs at under a config, or undefined when it is off (by setting or by default). */
export function ruleSeverity(rule: RuleDefinition, config: Config): Severity | undefined {
  // The switch of a whole family wins over its rules' severities: it is for users whose other tool
  // (Red Hat's YAML extension) validates against the schemas already.
  if (rule.meta.category === 'schema' && config.schema?.enable === false) return undefined;
  const setting = config.rules[rule.id];
  if (setting === 'off') return undefined;
  if (setting === undefined && rule.meta.enabledByDefault === false) return undefined;
  return setting ?? rule.meta.severity;
}

export function appliesToKind(rule: RuleDefinition, kind: string, apiVersion: string): boolean {
  const kinds = rule.meta.kinds;
  return kinds === 'workload' ? workloadKinds.includes(kind) : readsKind(kinds, kind, apiVersion);
}

export function lint(file: ParsedFile, options: LintOptions): LintResult {
  const { config, rules } = options;
  const resources = resourcesOf(file);
  const [findings, withheld]: [Finding[], Finding[]] = [[], []];
  if (file.skipped) return { findings, problems: file.problems, resources, withheld };

  const workspace = options.workspace ?? fileAlone(file, resources, rules);
  const role = workspace.role();
  // Input to a tool, not a manifest: nothing to check, and nothing to offer (no Harden, no hover).
  if (role === 'not-a-resource') return { findings, problems: file.problems, resources: [], withheld };
  const namespaces = workspace.namespacePolicies();
  const peers = config.peerSuppressions === false ? undefined : peerIndex(rules);

  /** `trust`: for a resource of a document with syntax errors, the findings that still hold. */
  const checkResource = (resource: Resource, workload: Workload | undefined, trust?: PartialTrust) => {
    const target = targetFor(resource, config, namespaces);
    const suppressed = suppressedByAnnotation(resource, workload, peers);
    for (const rule of rules) {
      const severity = ruleSeverity(rule, config);
      if (severity === undefined || suppressed.has(rule.id)) continue;
      if (!appliesToKind(rule, resource.kind, resource.apiVersion) || !ruleApplies(rule, target, rules)) continue;
      const ctx: RuleContext = {
        file,
        resource,
        workload,
        minor: target.minor,
        level: target.level,
        atLeast: (version) => target.minor >= (parseMinor(version) ?? Infinity),
        config,
        workspace,
        partial: role === 'partial',
        facts: (extractor) => factsOfResource(extractor, resource, workspace.file, file.lines),
        report: (report) => {
          const kept = !trust || trust.keeps(report.node);
          let level = report.severity && config.rules[rule.id] === undefined ? report.severity : severity;
          const ids = [rule.id];
          // A value that breaks the baseline check this rule replaces is a baseline violation: it is
          // rated, turned off and suppressed as the replaced baseline rule too.
          const replaced = report.breaksBaseline ? replacedRule(rule, rules) : undefined;
          if (replaced) {
            const replacedSeverity = ruleSeverity(replaced, config);
            if (replacedSeverity === undefined || suppressed.has(replaced.id)) return;
            level = replacedSeverity;
            ids.push(replaced.id);
          }
          const finding = toFinding(rule, report, resource, report.milder ? milderSeverity[level] : level);
          if (replaced && finding.pss) finding.pss = { ...finding.pss, level: 'baseline' };
          if (trust) {
            // A fix is judged safe on the whole resource (privileged may be what a Bidirectional mount
            // on a broken line needs): the finding is shown, and fixed once the document parses.
            finding.fix = undefined;
            finding.suggestions = [];
          }
          const commented = suppressedByComment(file.text, finding.offset, report.commentAnchor?.range?.[0]);
          if (!ids.some((id) => commented.includes(id))) (kept ? findings : withheld).push(finding);
        },
      };
      try {
        rule.check(ctx);
      } catch (error) {
        options.onRuleError?.(rule.id, error);
        // A failure on a document being typed is reported once it parses: its resource is not whole yet.
        if (trust) continue;
        const failure = failureFinding(rule.id, error, resource);
        const commented = suppressedByComment(file.text, failure.offset);
        if (!commented.includes(rule.id) && !commented.includes(failure.ruleId)) findings.push(failure);
      }
    }
  };
  for (const resource of resources) checkResource(resource, workloadOf(resource));
  for (const document of file.documents) {
    const repaired = repairedResources(file, document);
    for (const resource of repaired) {
      const workload = workloadOf(resource);
      checkResource(resource, workload, new PartialTrust(file.text, resource, workload, document.repair!.lines, repaired));
    }
  }
  findings.sort(inFileOrder);
  return { findings, problems: file.problems, resources, withheld };
}

/** The workspace of a file checked on its own: its own resources and facts. */
export function fileAlone(file: ParsedFile, resources: readonly Resource[], rules: readonly RuleDefinition[]): WorkspaceView {
  const extractors = extractorsOf(rules);
  const model = new WorkspaceModel(extractors);
  model.set(extractEntry('', file.lines, resources, extractors));
  return model.view('');
}

/** The report's narrower range when it lies inside its node's, else the node's. */
function narrowed(node: [number, number], within: readonly [number, number] | undefined): [number, number] {
  return within && within[0] >= node[0] && within[1] <= node[1] && within[1] > within[0] ? [within[0], within[1]] : node;
}

function toFinding(rule: RuleDefinition, report: Report, resource: Resource, severity: Severity): Finding {
  const [start, end] = narrowed(span(report.node), report.within);
  const template = rule.meta.messages[report.messageId];
  // The compiler checks message ids (defineRule); this guards a rule built around it.
  if (template === undefined) throw new Error(`rule ${rule.id} reported an unknown message id "${report.messageId}"`);
  const message = formatMessage(template, report.data);
  const fixTitle = rule.fixTitles?.[report.messageId];
  return {
    ruleId: rule.id,
    category: rule.meta.category,
    severity,
    message,
    messageId: report.messageId,
    offset: start,
    length: end - start,
    resource: resource.ref,
    pss: rule.meta.pss ? { check: rule.meta.pss.check, level: rule.meta.pss.level } : null,
    documentIndex: resource.document.index,
    equivalents: rule.meta.equivalents === 'none' ? {} : rule.meta.equivalents,
    compliance: rule.meta.compliance === 'none' ? {} : rule.meta.compliance,
    fix: report.fix ? { title: fixTitle ? formatMessage(fixTitle, report.data) : `Fix: ${message}`, apply: report.fix } : undefined,
    suggestions: (report.suggestions ?? []).map((s) => ({ title: s.title, apply: s.fix, files: s.files, place: s.place, ...(s.reveal ? { reveal: true } : {}) })),
  };
}
