// Small statistics for the benchmark tables.

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;

/**
 * A cost measured as the difference between runs with and without it, on edit `r` of a series:
 * five warm-up pairs, then `runs` pairs that alternate which one goes first, so that neither always
 * meets the warmer caches. `diff` holds each pair's difference (its median is the cost).
 */
export function pairedRuns(runs: number, time: (which: 'with' | 'without', r: number) => number): { with: number[]; without: number[]; diff: number[] } {
  for (let r = 0; r < 5; r++) {
    time('with', r);
    time('without', r);
  }
  const out = { with: [] as number[], without: [] as number[], diff: [] as number[] };
  for (let r = 0; r < runs; r++) {
    const [a, b] = r % 2 ? [time('with', r + 1), time('without', r + 1)] : ((w) => [time('with', r + 1), w])(time('without', r + 1));
    out.with.push(a);
    out.without.push(b);
    out.diff.push(a - b);
  }
  return out;
}
