// The helm process as the server runs it, with a stub helm: the arguments it gets, a rendering, a
// missing binary, a failure whose stderr (which can quote values) never comes back, the timeout, the
// output cap and cancellation.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderChart } from '../../server/src/io';
import { chartRendering } from '../helpers/helm-fixture';
import { helmStub } from '../helpers/helm-stub';

const chartDir = mkdtempSync(join(tmpdir(), 'kube-harden-chart-'));

describe('renderChart', () => {
  test('runs helm template with the release, the chart and each values file in order, and returns the rendering', async () => {
    const argsFile = join(mkdtempSync(join(tmpdir(), 'kube-harden-args-')), 'args');
    const command = helmStub({ stdout: chartRendering, argsFile });
    const result = await renderChart({ command, chartDir, release: 'web', valuesFiles: ['/a/one.yaml', '/b/two.yaml'] });
    assert.equal(result.outcome, 'rendered');
    assert.equal(result.stdout, chartRendering);
    assert.deepEqual(JSON.parse(readFileSync(argsFile, 'utf8')), ['template', 'web', chartDir, '-f', '/a/one.yaml', '-f', '/b/two.yaml']);
  });

  test('a helm that is not there is missing', async () => {
    const result = await renderChart({ command: join(chartDir, 'no-such-helm'), chartDir, release: 'web', valuesFiles: [] });
    assert.equal(result.outcome, 'missing');
  });

  test('a failure gives its exit code and nothing of stderr', async () => {
    const command = helmStub({ fail: { code: 1, stderr: 'Error: values: password=hunter2-value' } });
    const result = await renderChart({ command, chartDir, release: 'web', valuesFiles: [] });
    assert.equal(result.outcome, 'failed');
    assert.equal(result.code, 1);
    assert.doesNotMatch(JSON.stringify(result), /hunter2/);
  });

  test('a helm that hangs is stopped by the timeout', async () => {
    const result = await renderChart({ command: helmStub({ hang: true }), chartDir, release: 'web', valuesFiles: [], timeout: 300 });
    assert.equal(result.outcome, 'timeout');
  });

  test('a rendering over the cap is refused', async () => {
    const result = await renderChart({ command: helmStub({ stdout: chartRendering }), chartDir, release: 'web', valuesFiles: [], maxBytes: 100 });
    assert.equal(result.outcome, 'too-large');
    assert.equal(result.stdout, '');
  });

  test('a render is cancelled by its signal', async () => {
    const controller = new AbortController();
    const pending = renderChart({ command: helmStub({ hang: true }), chartDir, release: 'web', valuesFiles: [], signal: controller.signal });
    controller.abort();
    assert.equal((await pending).outcome, 'cancelled');
  });
});
