// The tests that run the real `kubectl kustomize` skip, with a printed reason, where it is absent.

import { spawnSync } from 'node:child_process';

let probed: boolean | undefined;

/** Why a real-Kustomize test cannot run here (`consequence` says what is skipped), or undefined when kubectl is on the PATH. */
export function kubectlMissing(consequence: string): string | undefined {
  probed ??= (() => {
    const run = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8', timeout: 30_000 });
    return !run.error && run.status === 0;
  })();
  if (probed) return undefined;
  const reason = `kubectl is not on the PATH: ${consequence}`;
  console.log(`# skipped: ${reason}`);
  return reason;
}
