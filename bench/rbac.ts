// The RBAC family's cost: the permission graph of every workload of the argo-cd install manifest
// (its roles, bindings and accounts in the workspace model, each workload followed to its
// permissions), and what the family adds to the re-diagnosis of a 1,000-line manifest after a
// one-character change (CPU time of every rule with and without the family's, median of the
// differences of batches).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractText, lint, mergeConfig, parseManifest, resourcesOf, workloadOf, WorkspaceModel, WorkspaceView } from '../server/src/engine';
import { rules, workspaceExtractors } from '../rules';
import { workloadAccount } from '../rules/rbac/account';
import { dangerousGrants, grantsOf } from '../rules/rbac/graph';
import { manifest } from './manifests';
import { median, ms } from './stats';

const rbacObjects = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: shop
rules:
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
subjects:
- kind: ServiceAccount
  name: default
  namespace: shop
`;

function graphTime(text: string, runs: number): { median: number; workloads: number } {
  const model = new WorkspaceModel(workspaceExtractors());
  model.set(extractText('/bench/argo.yaml', text, model.extractorList));
  const live = model.view('/bench/argo.yaml');
  // Fresh lists on every query: the graph's memo never answers, each workload is followed anew.
  const view: WorkspaceView = { ...live, facts: (extractor, namespace) => [...live.facts(extractor, namespace)] };
  const workloads = resourcesOf(parseManifest(text)).flatMap((r) => {
    const w = workloadOf(r);
    const account = w && workloadAccount(r, w);
    return account ? [account] : [];
  });
  const times: number[] = [];
  for (let r = 0; r < runs + 5; r++) {
    const started = performance.now();
    for (const account of workloads) dangerousGrants(grantsOf(view, account));
    if (r >= 5) times.push(performance.now() - started);
  }
  return { median: median(times), workloads: workloads.length };
}

/** CPU milliseconds of one lint, over a batch of fresh parses (CPU time: the machine may be shared). */
function lintCpu(texts: readonly string[], set: typeof rules): number {
  const config = mergeConfig();
  const files = texts.map((t) => parseManifest(t));
  const started = process.cpuUsage();
  for (const file of files) lint(file, { config, rules: set });
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / files.length;
}

function keystrokeOverhead(runs: number): number {
  // Every workload of the manifest runs as `default`, which a binding lets read Secrets: the graph is walked for each.
  const base = `${manifest(1000)}---\n${rbacObjects}`;
  // Fresh parses of the text before and after a one-character change, as the server sees them.
  const texts = Array.from({ length: 10 }, (_, i) => (i % 2 ? base.replace('replicas: 2', 'replicas: 3') : base));
  const without = rules.filter((r) => r.meta.category !== 'rbac');
  lintCpu(texts, rules);
  lintCpu(texts, without);
  const diffs: number[] = [];
  for (let r = 0; r < Math.max(9, Math.round(runs / 5)); r++) {
    // Which set goes first alternates, so that neither always finds the caches warmed by the other.
    if (r % 2) diffs.push(lintCpu(texts, rules) - lintCpu(texts, without));
    else {
      const rest = lintCpu(texts, without);
      diffs.push(lintCpu(texts, rules) - rest);
    }
  }
  return median(diffs);
}

/** Prints the figures and returns them for the goals table. */
export function rbacBench(corpus: string, runs: number): { graph?: number; keystroke: number } {
  const argo = join(corpus, 'argo-cd__install.yaml');
  let graph: number | undefined;
  if (existsSync(argo)) {
    const g = graphTime(readFileSync(argo, 'utf8'), runs);
    graph = g.median;
    console.log(`\nRBAC permission graph of argo-cd install.yaml (${g.workloads} workloads), median of ${runs}: ${ms(g.median)}`);
  }
  const keystroke = keystrokeOverhead(runs);
  console.log(`RBAC rules' share of a 1-char change in a 1,000-line manifest (median of differences): ${ms(keystroke)}`);
  return { graph, keystroke };
}
