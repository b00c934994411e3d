// The SARIF 2.1.0 report for code-scanning services (GitHub, Azure DevOps): one run whose driver
// lists the whole rule catalog with help URIs, results with regions (and, for rendered output, the
// template they came from as a related location), and file errors as tool execution notifications.

import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { complianceIds, complianceMarkdown, RuleDefinition, Severity } from '../engine';
import { stdinName } from './files';
import { repositoryWebUrl, type RenderSource } from '../../../rules';
import { CheckResult } from './run-check';

export interface SarifContext {
  cwd: string;
  version: string;
  rules: readonly RuleDefinition[];
  docsUrl: (ruleId: string) => string;
}

export const sarifSchema = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The project's page: the `repository` of package.json. */
export const informationUri = repositoryWebUrl();

type SarifLevel = 'error' | 'warning' | 'note';

function levelOf(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** A URI reference relative to the working directory (forward slashes, escaped), or a file: URL outside it. */
export function artifactUri(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (file === stdinName) return { uri: 'stdin' };
  const absolute = resolve(cwd, file);
  const rel = relative(cwd, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(absolute).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

export function toSarif(result: CheckResult, context: SarifContext): object {
  const rules = sarifRules(context);
  const results = sarifResults(result, context);
  const notifications = sarifNotifications(result, context);
  return {
    $schema: sarifSchema,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'kube-harden', version: context.version, semanticVersion: context.version, informationUri, rules },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(context.cwd + sep).href } },
        invocations: [
          {
            executionSuccessful: !result.errors.some((e) => e.kind === 'io'),
            toolExecutionNotifications: notifications,
          },
        ],
        results,
      },
    ],
  };
}

function sarifRules(context: SarifContext) {
  return context.rules.map((rule) => ({
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.meta.title },
    fullDescription: { text: rule.meta.description },
    helpUri: context.docsUrl(rule.id),
    help: helpOf(rule, context),
    // SARIF's `enabled: false` says what `meta.enabledByDefault: false` means: off unless configured.
    defaultConfiguration: rule.meta.enabledByDefault === false ? { level: levelOf(rule.meta.severity), enabled: false } : { level: levelOf(rule.meta.severity) },
    properties: {
      category: rule.meta.category,
      pss: rule.meta.pss?.check ?? null,
      level: rule.meta.pss?.level ?? null,
      fix: rule.meta.fix,
      equivalents: rule.meta.equivalents === 'none' ? {} : rule.meta.equivalents,
      compliance: complianceIds(rule.meta.compliance),
      tags: ['security', 'kubernetes', rule.meta.category, ...(rule.meta.pss ? [`pss-${rule.meta.pss.level}`] : [])],
    },
  }));
}

/** The rule's help, naming the compliance controls it serves when it has any. */
function helpOf(rule: RuleDefinition, context: SarifContext) {
  const compliance = complianceMarkdown(rule.meta.compliance);
  const also = compliance ? ` Compliance: ${compliance}.` : '';
  return { text: `${rule.meta.description}${also} See ${context.docsUrl(rule.id)}`, markdown: `${rule.meta.description}${also} [Documentation](${context.docsUrl(rule.id)})` };
}

function sarifResults(result: CheckResult, context: SarifContext) {
  const ruleIndex = new Map(context.rules.map((rule, index) => [rule.id, index]));
  return result.findings.map(({ file, line, column, endLine, endColumn, finding, source }) => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
    level: levelOf(finding.severity),
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactUri(file, context.cwd),
          region: { startLine: line, startColumn: column, endLine, endColumn },
        },
        logicalLocations: [
          {
            name: finding.resource.name,
            fullyQualifiedName: [finding.resource.namespace, finding.resource.kind, finding.resource.name].filter(Boolean).join('/'),
            kind: 'resource',
          },
        ],
      },
    ],
    ...(source ? { relatedLocations: [renderSourceLocation(source)] } : {}),
    // Stable across line shifts: the rule, the file and the resource, plus the message that names the container.
    partialFingerprints: {
      'kubeHarden/v1': createHash('sha256')
        .update([finding.ruleId, file, finding.resource.kind, finding.resource.namespace ?? '', finding.resource.name, finding.message].join('\0'))
        .digest('hex')
        .slice(0, 32),
    },
  }));
}

/**
 * The template or file a rendered finding came from. Its path is relative to the chart's parent or the
 * kustomization built, which the report does not know, so it stays a relative reference without a base.
 */
function renderSourceLocation(source: RenderSource) {
  const text = source.tool === 'helm' ? 'rendered from this chart template' : 'rendered by Kustomize from this file';
  return { id: 0, message: { text }, physicalLocation: { artifactLocation: { uri: source.path.split(/[\\/]/).map(encodeURIComponent).join('/') } } };
}

function sarifNotifications(result: CheckResult, context: SarifContext) {
  return [
    ...result.errors.map((error) => ({
      level: error.severity === 'warning' ? ('warning' as const) : error.severity === 'info' || error.severity === 'hint' ? ('note' as const) : ('error' as const),
      message: { text: error.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactUri(error.file, context.cwd),
            ...(error.position ? { region: { startLine: error.position.line, startColumn: error.position.column, endLine: error.position.endLine, endColumn: error.position.endColumn } } : {}),
          },
        },
      ],
    })),
    ...result.skipped.map((skipped) => ({
      level: 'note' as const,
      message: { text: skipped.reason },
      locations: [{ physicalLocation: { artifactLocation: artifactUri(skipped.file, context.cwd) } }],
    })),
  ];
}

export function formatSarif(result: CheckResult, context: SarifContext): string {
  return JSON.stringify(toSarif(result, context), null, 2) + '\n';
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
