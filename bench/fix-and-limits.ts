// Benchmark section: fix-all and Harden at scale, and the CLI on input past its limits. Fix-all on
// one Pod with thousands of privileged containers (the engine, and `kube-harden check --fix`), Harden
// of one workload in argo-cd's install manifest with the editor's parse (as the server runs it), and
// the time and peak memory of the CLI refusing 50 MB on stdin and 100,000 one-line Pods.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fixAll, harden, mergeConfig, parseManifest } from '../server/src/engine';
import { rules } from '../rules';
import { median, ms } from './stats';

export function privilegedPod(containers: number): string {
  const items = Array.from({ length: containers }, (_, i) => `  - name: c${i}\n    image: nginx\n    securityContext:\n      privileged: true\n`);
  return 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n' + items.join('');
}

function timed(runs: number, fn: () => void): number[] {
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    fn();
    out.push(performance.now() - started);
  }
  return out;
}

/** Wall time and peak resident memory of one CLI run (memory from /usr/bin/time when present). */
function cli(root: string, args: string[], input?: string): { ms: number; rssMb?: number; code: number | null } {
  const time = existsSync('/usr/bin/time');
  const command = time ? '/usr/bin/time' : process.execPath;
  const argv = [...(time ? ['-v', process.execPath] : []), join(root, 'dist/cli.js'), ...args];
  const started = performance.now();
  const result = spawnSync(command, argv, { input: input ?? '', encoding: 'utf8', maxBuffer: 1 << 28 });
  const elapsed = performance.now() - started;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr ?? '');
  return { ms: elapsed, rssMb: rss ? Number(rss[1]) / 1024 : undefined, code: result.status };
}

export function fixAndLimits(root: string, corpus: string): { hardenAll?: number } {
  let hardenAll: number | undefined;
  const config = mergeConfig();
  console.log('\nFix-all, Harden and input limits:');
  for (const [n, runs] of [
    [2000, 3],
    [10000, 1],
  ]) {
    const text = privilegedPod(n);
    const times = timed(runs, () => fixAll(text, { config, rules }));
    console.log(`- engine fix-all, Pod with ${n.toLocaleString('en-US')} privileged containers (restricted): ${ms(median(times))} median of ${runs}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'kube-harden-bench-fix-'));
  try {
    const fixes: number[] = [];
    for (let r = 0; r < 3; r++) {
      writeFileSync(join(dir, 'pod.yaml'), privilegedPod(2000));
      fixes.push(cli(root, ['check', '--fix', join(dir, 'pod.yaml')]).ms);
    }
    console.log(`- CLI check --fix on it (2,000 containers), process start included: ${ms(median(fixes))} median of 3`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const argo = join(corpus, 'argo-cd__install.yaml');
  if (existsSync(argo)) {
    const text = readFileSync(argo, 'utf8');
    const file = parseManifest(text);
    const offset = text.indexOf('kind: Deployment');
    const one = timed(10, () => harden(text, { config, rules, offset, file }));
    const all = timed(10, () => harden(text, { config, rules, file }));
    hardenAll = median(all);
    console.log(`- Harden in argo-cd install.yaml with the editor's parse: one Deployment ${ms(median(one))}, all workloads ${ms(median(all))} (medians of 10)`);
  }
  const big = 'a: ' + 'x'.repeat(50 * 1024 * 1024) + '\n';
  const pods = Array.from({ length: 100_000 }, (_, i) => `{apiVersion: v1, kind: Pod, metadata: {name: p${i}}, spec: {containers: [{name: c, image: i}]}}`).join('\n---\n') + '\n';
  for (const [name, input] of [
    ['50 MB on stdin', big],
    ['100,000 one-line Pods (10 MB) on stdin', pods],
  ]) {
    const runs = [0, 1, 2].map(() => cli(root, ['check', '-'], input));
    const rss = runs.map((r) => r.rssMb).filter((m): m is number => m !== undefined);
    console.log(`- CLI check - with ${name} (not checked): ${ms(median(runs.map((r) => r.ms)))} median of 3${rss.length ? `, peak RSS ${median(rss).toFixed(0)} MB` : ''}`);
  }
  return { hardenAll };
}
