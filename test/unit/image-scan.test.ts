// The scanner processes as the CLI and the server run them, with stub `trivy` and `grype` executables
// first on the PATH that print real reports: finding them, their arguments, the report parsed, the
// cache per image (reused within its time, on disk, run again after), the timeout and cancellation.
// And, when a real scanner is installed, one real scan; skipped (and said so) otherwise.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findScanner, ScanCache, scanImages, runScanner } from '../../server/src/io';
import { scanOfOutput } from '../../rules/images/scan-facts';
import type { ImageScan } from '../../rules/images/scan-summary';
import { callsOf, realReport, scannerReports, scannerStub } from '../helpers/scanner-stub';

const haveReports = existsSync(scannerReports);
const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `kube-harden-${prefix}-`));
const env = (...dirs: string[]) => ({ PATH: dirs.join(delimiter) });

describe('finding a scanner', () => {
  test('auto takes Trivy, else Grype, from the PATH; none when neither is there', async () => {
    const trivy = scannerStub({ name: 'trivy', stdout: '{}' });
    const grype = scannerStub({ name: 'grype', stdout: '{}' });
    assert.deepEqual(await findScanner('auto', env(grype.dir, trivy.dir)), { name: 'trivy', command: trivy.path });
    assert.deepEqual(await findScanner('auto', env(grype.dir)), { name: 'grype', command: grype.path });
    assert.deepEqual(await findScanner('grype', env(trivy.dir, grype.dir)), { name: 'grype', command: grype.path });
    assert.equal(await findScanner('auto', env(temp('empty'))), undefined);
    assert.equal(await findScanner('trivy', env(grype.dir)), undefined);
  });

  test('a configured path names its scanner by its file name', async () => {
    const grype = scannerStub({ name: 'grype', stdout: '{}' });
    assert.deepEqual(await findScanner(grype.path, env()), { name: 'grype', command: grype.path });
    assert.equal(await findScanner(join(grype.dir, 'nothing'), env()), undefined);
  });
});

describe('running a scan', { skip: !haveReports && 'the reference reports are not there' }, () => {
  test('trivy image --format json and grype <image> -o json, their reports parsed', async () => {
    for (const [name, report, args] of [
      ['trivy', 'trivy/debian-buster.json', ['image', '--format', 'json', '--scanners', 'vuln', '--quiet', 'nginx:1.25']],
      ['grype', 'grype/json-image.json', ['nginx:1.25', '-o', 'json', '--quiet']],
    ] as const) {
      const argsFile = join(temp('args'), 'args');
      const stub = scannerStub({ name, stdout: realReport(report), argsFile });
      const run = await runScanner({ name, command: stub.path }, 'nginx:1.25');
      assert.equal(run.outcome, 'scanned');
      assert.deepEqual(callsOf(argsFile), [args]);
      const scan = scanOfOutput(run.stdout, 'nginx:1.25', Date.now())!;
      assert.ok(scan.keys.includes('docker.io/library/nginx:1.25'));
      assert.ok(scan.counts.critical > 0);
    }
  });

  test('a failure says why in the scanner words; a missing executable is missing', async () => {
    const stub = scannerStub({ name: 'trivy', fail: { code: 1, stderr: 'INFO downloading\nFATAL unable to find the specified image "nope:1"\n' } });
    assert.deepEqual(await runScanner({ name: 'trivy', command: stub.path }, 'nope:1'), { outcome: 'failed', stdout: '', reason: 'FATAL unable to find the specified image "nope:1"' });
    assert.equal((await runScanner({ name: 'trivy', command: join(stub.dir, 'gone') }, 'x')).outcome, 'missing');
  });

  test('the timeout ends a scan that hangs', async () => {
    const stub = scannerStub({ name: 'grype', hang: true });
    const started = Date.now();
    assert.equal((await runScanner({ name: 'grype', command: stub.path }, 'x', { timeoutMs: 300 })).outcome, 'timeout');
    assert.ok(Date.now() - started < 5000);
  });

  test('cancellation ends a running scan and the scans not started', async () => {
    const argsFile = join(temp('args'), 'args');
    const stub = scannerStub({ name: 'trivy', hang: true, argsFile });
    const controller = new AbortController();
    const cache = new ScanCache<ImageScan>(undefined, 60_000);
    // Cancelled once the first scan runs.
    const poll = setInterval(() => callsOf(argsFile).length > 0 && controller.abort(), 20);
    const results = await scanImages(['a:1', 'b:1', 'c:1'], { scanner: { name: 'trivy', command: stub.path }, cache, parse: scanOfOutput, signal: controller.signal });
    clearInterval(poll);
    assert.deepEqual(results, []);
    assert.equal(callsOf(argsFile).length, 1);
  });

  test('each image once, with progress; the cache answers within its time, on disk too, and not after', async () => {
    const argsFile = join(temp('args'), 'args');
    const stub = scannerStub({ name: 'trivy', stdout: realReport('trivy/alpine-39-high-critical.json'), argsFile });
    const dir = temp('cache');
    let now = Date.UTC(2026, 11, 6, 12);
    const clock = () => now;
    const scanner = { name: 'trivy' as const, command: stub.path };
    const progress: string[] = [];
    const first = await scanImages(['app:1', 'app:2', 'app:1'], {
      scanner,
      cache: new ScanCache<ImageScan>(dir, 60 * 60_000, clock),
      parse: scanOfOutput,
      now: clock,
      onProgress: (done, total, image) => progress.push(`${done}/${total} ${image}`),
    });
    assert.deepEqual(progress, ['0/2 app:1', '1/2 app:2']);
    assert.deepEqual(
      first.map((r) => [r.image, r.cached, r.value?.counts.critical]),
      [
        ['app:1', false, 2],
        ['app:2', false, 2],
      ],
    );
    assert.equal(first[0].value!.scannedAt, '2021-08-25T12:20:30.000000005Z');
    assert.equal(callsOf(argsFile).length, 2);

    // A new cache on the same folder (the next CLI run) within the hour: no scan.
    now += 30 * 60_000;
    const again = await scanImages(['app:1'], { scanner, cache: new ScanCache<ImageScan>(dir, 60 * 60_000, clock), parse: scanOfOutput, now: clock });
    assert.deepEqual(
      again.map((r) => [r.image, r.cached]),
      [['app:1', true]],
    );
    assert.equal(callsOf(argsFile).length, 2);

    // After the hour: scanned again.
    now += 31 * 60_000;
    const later = await scanImages(['app:1'], { scanner, cache: new ScanCache<ImageScan>(dir, 60 * 60_000, clock), parse: scanOfOutput, now: clock });
    assert.equal(later[0].cached, false);
    assert.equal(callsOf(argsFile).length, 3);
  });

  test('asking for thousands of images lists the cache folder once instead of opening a file per image', async () => {
    const dir = temp('listing');
    const seed = new ScanCache<string>(dir, 60_000);
    await seed.put('trivy', 'app:7', 'seven');
    const calls = { readdir: 0, readFile: 0 };
    const { readdir, readFile } = fsp;
    const spied = fsp as unknown as Record<'readdir' | 'readFile', (...args: unknown[]) => unknown>;
    spied.readdir = (...args) => (calls.readdir++, (readdir as (...a: unknown[]) => unknown)(...args));
    spied.readFile = (...args) => (calls.readFile++, (readFile as (...a: unknown[]) => unknown)(...args));
    try {
      const cache = new ScanCache<string>(dir, 60_000);
      const hits = await Promise.all(Array.from({ length: 2000 }, (_, i) => cache.get('trivy', `app:${i}`)));
      assert.deepEqual(
        hits.flatMap((h, i) => (h ? [[i, h.value]] : [])),
        [[7, 'seven']],
      );
      assert.deepEqual(calls, { readdir: 1, readFile: 1 });
      assert.equal(await new ScanCache<string>(join(dir, 'missing'), 60_000).get('trivy', 'app:7'), undefined);
    } finally {
      Object.assign(fsp, { readdir, readFile });
    }
  });

  test('output that is no report is an error, not a clean image', async () => {
    const stub = scannerStub({ name: 'grype', stdout: 'not json' });
    const [result] = await scanImages(['app:1'], { scanner: { name: 'grype', command: stub.path }, cache: new ScanCache<ImageScan>(undefined, 60_000), parse: scanOfOutput });
    assert.deepEqual(result, { image: 'app:1', cached: false, error: 'grype printed no report' });
  });
});

describe('a real scanner', () => {
  test('scans an image when Trivy or Grype is installed', async (t) => {
    const scanner = await findScanner('auto');
    if (!scanner) {
      t.skip('no trivy or grype on the PATH: the real scan was skipped');
      return;
    }
    // A registry or the scanner's database may be out of reach: then the scan fails and says why.
    const [result] = await scanImages(['alpine:3.9'], { scanner, cache: new ScanCache<ImageScan>(undefined, 0), parse: scanOfOutput, timeoutMs: 280_000 });
    if (result.error) {
      t.skip(`${scanner.name} is installed but could not scan: ${result.error}`);
      return;
    }
    assert.ok(result.value!.keys.includes('docker.io/library/alpine:3.9'));
    assert.ok(Object.values(result.value!.counts).reduce((a, b) => a + b, 0) > 0, 'alpine 3.9 has known vulnerabilities');
  });
});
