// Benchmark section: a chart in the editor, as the server does it on save — spawn `helm template` (a
// stub that prints the fixture chart's recorded rendering: the process cost without Helm's own work),
// check the rendering, map its findings to templates and values. Once for the fixture chart, once for
// a rendering of 200 Deployments from one template (a `range` over a values list).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { check, mergeConfig } from '../server/src/engine';
import { renderChart } from '../server/src/io';
import { mapChartFindings, rules } from '../rules';
import { chartFiles, chartRendering } from '../test/helpers/helm-fixture';
import { helmStub } from '../test/helpers/helm-stub';
import { median, ms } from './stats';

const documentRules = rules.filter((r) => r.meta.scope !== 'workspace');

export async function helmBench(runs: number): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'kube-harden-bench-helm-'));
  try {
    for (const [path, text] of Object.entries(chartFiles)) {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), text);
    }
    const deployment = chartRendering.slice(chartRendering.indexOf('---\n# Source: web/templates/deployment.yaml'));
    const large = Array.from({ length: 200 }, (_, i) => deployment.replace('name: web-web', `name: web-${i}`)).join('');
    console.log('\n| chart rendering (stub helm) | documents | findings mapped | spawn helm (median) | check (median) | map (median) | total (median) |');
    console.log('|---|---|---|---|---|---|---|');
    for (const [name, rendering] of [
      ['fixture chart', chartRendering],
      ['200 Deployments from one template', large],
    ] as const) {
      const command = helmStub({ stdout: rendering });
      const spawns: number[] = [];
      const checks: number[] = [];
      const maps: number[] = [];
      let mapped = 0;
      let documents = 0;
      for (let r = 0; r < Math.max(5, Math.round(runs / 4)); r++) {
        let started = performance.now();
        const result = await renderChart({ command, chartDir: join(folder, 'web'), release: 'web', valuesFiles: [] });
        spawns.push(performance.now() - started);
        if (result.outcome !== 'rendered') throw new Error(`stub helm: ${result.outcome}`);
        started = performance.now();
        const checked = check(result.stdout, { config: mergeConfig(), rules: documentRules });
        checks.push(performance.now() - started);
        started = performance.now();
        mapped = mapChartFindings(checked.file, checked.findings, {
          template: (p) => chartFiles[`web/${p}`],
          values: [{ path: 'values.yaml', text: chartFiles['web/values.yaml'] }],
        }).length;
        documents = checked.file.documents.length;
        maps.push(performance.now() - started);
      }
      const totals = spawns.map((s, i) => s + checks[i] + maps[i]);
      console.log(`| ${name} | ${documents} | ${mapped} | ${ms(median(spawns))} | ${ms(median(checks))} | ${ms(median(maps))} | ${ms(median(totals))} |`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
