// A snapshot: everything known about one version of one open document under one configuration —
// its analysis, its diagnostics and its status — computed once and shared by every request.

import { Diagnostic } from 'vscode-languageserver';
import { loadConfigFileText } from '../../../rules';
import { Config, isWorkload, LineIndex, NamespacePolicies, nestedTooDeeply, reportedProblems, Resource, targetFor } from '../engine';
import { FileAnalysis } from './analysis';
import { configProblemToDiagnostic, findingsToDiagnostics, problemToDiagnostic } from './convert';
import { StatusParams } from './protocol';
import { Settings } from './settings';

export interface Snapshot {
  uri: string;
  version: number;
  text: string;
  /** Cache key: the settings, config-file and workspace generations it was computed under. */
  key: string;
  settings: Settings;
  config: Config;
  /** Absent when kube-harden is disabled for the document. */
  analysis?: FileAnalysis;
  /** True when the file holds Kubernetes resources (or looks like it but is broken). */
  kubernetes: boolean;
  diagnostics: Diagnostic[];
  status: StatusParams;
  /** Expensive code-action edits, computed at most once per snapshot. */
  memo: Map<string, unknown>;
}

const kubernetesHint = /^\s*(?:-\s+)?(?:apiVersion|kind)\s*:/m;

export function buildSnapshot(base: Omit<Snapshot, 'kubernetes' | 'diagnostics' | 'status' | 'memo'>): Snapshot {
  const { analysis, text, config } = base;
  const memo = new Map<string, unknown>();
  if (!analysis) return { ...base, kubernetes: false, diagnostics: [], status: statusOf(base.uri, config, [], false), memo };
  const syntax = analysis.problems.filter((p) => p.code === 'yaml-syntax');
  const skipped = analysis.problems.filter((p) => p.code === 'not-checked');
  // Broken YAML counts as Kubernetes when it names apiVersion or kind; otherwise it is somebody else's file.
  const kubernetes = analysis.resources.length > 0 || (syntax.length > 0 && kubernetesHint.test(text));
  const diagnostics = diagnosticsOf(analysis, kubernetes, config);
  const checked = kubernetes && skipped.length === 0;
  const namespaces = analysis.workspace?.namespacePolicies() ?? new Map();
  const status = statusOf(base.uri, config, checked ? diagnostics : [], checked, levelOf(analysis.resources, config, namespaces));
  return { ...base, kubernetes, diagnostics, status, memo };
}

function diagnosticsOf(analysis: FileAnalysis, kubernetes: boolean, config: Config): Diagnostic[] {
  const lines = analysis.file.lines;
  const skipped = analysis.problems.find((p) => p.code === 'not-checked');
  // A skipped file gets one note: silence would look like a clean bill of health.
  if (skipped) return [problemToDiagnostic(lines, skipped)];
  if (!kubernetes) return [];
  const out: Diagnostic[] = [];
  let deep = false;
  for (const problem of reportedProblems(analysis.problems, config).filter((p) => p.code === 'yaml-syntax')) {
    // The parser reports stack exhaustion on absurd nesting once per level it unwinds: say it once, plainly.
    if (problem.message === nestedTooDeeply) {
      if (!deep) out.push(problemToDiagnostic(lines, { ...problem, code: 'not-checked', message: 'Document not checked: it is nested too deeply.' }));
      deep = true;
    } else {
      out.push(problemToDiagnostic(lines, problem));
    }
  }
  findingsToDiagnostics(lines, analysis.findings, out);
  return out;
}

/** The snapshot with a chart render's diagnostics on this file added, and counted in its status. */
export function withRendered(snapshot: Snapshot, rendered: Diagnostic[]): Snapshot {
  const diagnostics = [...snapshot.diagnostics, ...rendered];
  const status = statusOf(snapshot.uri, snapshot.config, diagnostics, true, snapshot.status.level);
  return { ...snapshot, diagnostics, status };
}

/** The level in force for the file's workloads: their namespace's when they all agree, else the configured one. */
function levelOf(resources: readonly Resource[], config: Config, namespaces: NamespacePolicies): string {
  // A workload's level is its namespace's: asked once per namespace, not per workload (5,000 in a long file, at every keystroke).
  const byNamespace = new Map<string | null, string>();
  let level: string | undefined;
  for (const resource of resources) {
    if (!isWorkload(resource)) continue;
    let own = byNamespace.get(resource.namespace);
    if (own === undefined) byNamespace.set(resource.namespace, (own = targetFor(resource, config, namespaces).level));
    if (level === undefined) level = own;
    else if (level !== own) return config.podSecurityLevel;
  }
  return level ?? config.podSecurityLevel;
}

export function statusOf(uri: string, config: Config, diagnostics: Diagnostic[], checked: boolean, level: string = config.podSecurityLevel): StatusParams {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === 1) errors++;
    else if (d.severity === 2) warnings++;
    else infos++;
  }
  return { uri, level, kubernetesVersion: config.kubernetesVersion, errors, warnings, infos, total: errors + warnings + infos, checked };
}

/** Diagnostics for an open `.kube-harden.yaml`: its validation problems. */
export function configFileDiagnostics(text: string): Diagnostic[] {
  const lines = new LineIndex(text);
  return loadConfigFileText(text).problems.map((p) => configProblemToDiagnostic(lines, p));
}
