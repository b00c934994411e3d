// The server gives memory back once it is idle after a large file was parsed (heap-tuning.ts): a
// compacting collection frees the old generation's pages that parsing left half empty. Without it
// the resident size kept growing after the diagnostics arrived (175 MB against 143 once compacted).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ensureBuilt, TestClient, uniqueUri } from './client';
import { manifest } from '../../bench/manifests';

const residentMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

test('a pause after a large file is opened gives back what parsing it left', async () => {
  ensureBuilt();
  const client = await TestClient.start();
  try {
    const uri = uniqueUri('large.yaml');
    const text = manifest(30_000);
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, 60_000);
    assert.ok(diagnostics.length > 1000);
    const pid = client.process!.pid!;
    // Wait for the collection after its 1.5 s of quiet: resident memory then drops and stays down.
    const at = residentMb(pid);
    let lowest = at;
    for (let waited = 0; waited < 6000 && lowest > at - 10; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      lowest = Math.min(lowest, residentMb(pid));
    }
    assert.ok(lowest <= at - 10, `resident memory ${at.toFixed(1)} MB when the diagnostics arrived, at least ${lowest.toFixed(1)} MB 6 s later`);
    // And the server still answers as before.
    await client.replace(uri, 'replicas: 2', 'replicas: 3');
    assert.equal((await client.diagnostics(uri, 60_000)).length, diagnostics.length);
  } finally {
    await client.stop();
  }
});
