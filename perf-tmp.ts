import { performance } from 'node:perf_hooks';
import { check, mergeConfig, parseManifest, lint } from './server/src/engine';
import { rules } from './rules';
import { manifest } from './bench/manifests';
const text = manifest(1000);
const config = mergeConfig();
for (let round = 0; round < 3; round++) {
  const t: Record<string, number[]> = { parse: [], lint: [] };
  for (let i = 0; i < 30; i++) {
    let s = performance.now(); const f = parseManifest(text); t.parse.push(performance.now() - s);
    s = performance.now(); lint(f, { config, rules }); t.lint.push(performance.now() - s);
  }
  for (const k in t) { t[k].sort((a, b) => a - b); console.log(k, t[k][15].toFixed(2)); }
}
