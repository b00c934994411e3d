// The runtime and images families' cost on a keystroke: lint of a parsed 1,000-line manifest with and
// without them, interleaved, median of the differences (budget: under 3 ms). Run: npx tsx bench/runtime-images.ts

import { lint, mergeConfig, parseManifest } from '../server/src/engine';
import { rules as runtime } from '../rules/runtime';
import { rules as images } from '../rules/images';
import { manifest } from './manifests';
const config = mergeConfig({});
const text = manifest(1000);
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const ours = [...runtime, ...images];
const d: number[] = [];
for (let i = 0; i < 400; i++) {
  const file = parseManifest(i % 2 ? text.replace('replicas: 2', 'replicas: 3') : text);
  let t = performance.now();
  lint(file, { config, rules: [] });
  const none = performance.now() - t;
  t = performance.now();
  lint(file, { config, rules: ours });
  const with_ = performance.now() - t;
  if (i >= 50) d.push(with_ - none);
}
console.log(
  `runtime+images rules on a ${text.split('\n').length}-line manifest (${(text.match(/kind: Deployment/g) ?? []).length} Deployments), default settings: +${median(d).toFixed(2)} ms median (p90 ${[...d].sort((a, b) => a - b)[Math.floor(d.length * 0.9)].toFixed(2)} ms)`,
);
