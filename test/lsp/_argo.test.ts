import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { TestClient, uniqueUri } from './client';
test('argo', async () => {
  const client = await TestClient.start({ pull: false });
  const uri = uniqueUri('argo.yaml');
  const text = readFileSync('/work/shared/reference/corpus/argo-cd__install.yaml', 'utf8');
  let t = performance.now();
  await client.open(uri, text);
  const d = await client.diagnostics(uri, 20000);
  console.log('open', (performance.now() - t).toFixed(0), 'ms', d.length, 'diagnostics');
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    await client.change(uri, [{ range: { start: { line: 20000, character: 0 }, end: { line: 20000, character: 0 } }, text: ' ' }]);
    await client.diagnostics(uri, 20000);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log('change median', times[10].toFixed(1));
  t = performance.now();
  const r: any = await client.request('kubeHarden/harden', { textDocument: { uri } });
  console.log('harden file', (performance.now() - t).toFixed(0), r.workloads.length, r.message.slice(0, 200));
  await client.stop();
});
