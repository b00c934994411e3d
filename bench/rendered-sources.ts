// Benchmark section: what naming the source of each finding of rendered output costs beside the lint
// itself. Real `helm template` output (the Istio addons), argo-cd's install manifest (no source at all:
// the price every plain file pays) and a synthetic Kustomize build of 2,000 annotated Deployments with
// a finding each (the lookup's worst case: one origin annotation parsed per finding's resource).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { lint, mergeConfig, parseManifest } from '../server/src/engine';
import { renderedSources, rules } from '../rules';
import { median, ms } from './stats';

function kustomizeBuild(count: number): string {
  const one = (i: number) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n    config.kubernetes.io/origin: |\n      path: ../../base/app-${i}.yaml\n  name: app-${i}\nspec:\n  template:\n    spec:\n      containers:\n      - image: nginx\n        name: app\n        securityContext:\n          privileged: true\n`;
  return Array.from({ length: count }, (_, i) => one(i)).join('---\n');
}

export function renderedSourcesCost(corpus: string, runs: number): void {
  const inputs: Array<[string, string]> = [];
  for (const name of ['istio__addons-grafana.yaml', 'istio__addons-kiali.yaml', 'istio__addons-prometheus.yaml', 'argo-cd__install.yaml']) {
    if (existsSync(join(corpus, name))) inputs.push([name, readFileSync(join(corpus, name), 'utf8')]);
  }
  inputs.push(['kustomize build, 2,000 Deployments', kustomizeBuild(2000)]);
  console.log('\n| rendered input | findings | with a source | parse+lint (median) | source lookup of every finding (median) |');
  console.log('|---|---|---|---|---|');
  for (const [name, text] of inputs) {
    const lints: number[] = [];
    const lookups: number[] = [];
    let findings = 0;
    let sourced = 0;
    for (let r = 0; r < Math.max(3, Math.round(runs / 5)); r++) {
      let started = performance.now();
      const file = parseManifest(text);
      const result = lint(file, { config: mergeConfig(), rules });
      lints.push(performance.now() - started);
      started = performance.now();
      const sourceOf = renderedSources(file);
      sourced = result.findings.filter((f) => sourceOf(f) !== undefined).length;
      lookups.push(performance.now() - started);
      findings = result.findings.length;
    }
    console.log(`| ${name} | ${findings} | ${sourced} | ${ms(median(lints))} | ${ms(median(lookups))} |`);
  }
}
