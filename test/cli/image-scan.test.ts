// `kube-harden check --scan-report` on the real reports of Trivy and Grype, reports found among the
// checked files, and `--scan-images` with stub scanners first on the PATH (their cache reused by the
// next run), and with no scanner at all: one message saying how to get one, and nothing invented.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildOnce, cleanTemps, runCli, runJson, tempWorkspace, yaml } from './helpers';
import { callsOf, realReport, scannerReports, scannerStub } from '../helpers/scanner-stub';

before(buildOnce);
after(cleanTemps);

const repo = 'ghcr.io/aquasecurity/trivy-test-images';
const pod = (...images: string[]) =>
  yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', ...images.flatMap((image, i) => [`  - name: c${i}`, `    image: ${image}`]));
const vulnerabilities = (json: { findings: Array<{ ruleId: string; line: number; column: number; severity: string; message: string }> }) =>
  json.findings.filter((f) => f.ruleId === 'image-vulnerabilities').map((f) => `${f.line}:${f.column} ${f.severity} ${f.message}`);
const emptyPath = () => mkdtempSync(join(tmpdir(), 'kube-harden-no-scanner-'));

describe('scanner reports', { skip: !existsSync(scannerReports) && 'the reference reports are not there' }, () => {
  test('--scan-report attaches each real report to its image: Trivy JSON, Trivy SARIF, Grype JSON', () => {
    const dir = tempWorkspace({ 'pod.yaml': pod(`${repo}:alpine-39`, `${repo}:alpine-310`, 'user-input', `${repo}:debian-buster`) });
    const reports = ['trivy/alpine-39-high-critical.json', 'trivy/alpine-310.sarif', 'grype/json-image.json'].flatMap((r) => ['--scan-report', join(scannerReports, r)]);
    const { json, code, stderr } = runJson(['pod.yaml', ...reports], { cwd: dir });
    assert.equal(code, 1);
    assert.equal(stderr, '');
    assert.deepEqual(vulnerabilities(json), [
      `8:12 warning image "${repo}:alpine-39" has 2 critical vulnerabilities (trivy, 2021-08-25)`,
      `10:12 info image "${repo}:alpine-310" has 4 medium vulnerabilities (trivy)`,
      '12:12 warning image "user-input" has 1 critical, 1 low vulnerabilities (grype)',
    ]);
  });

  test('a report among the checked files counts, whatever its name, and is not checked itself', () => {
    const dir = tempWorkspace({
      'k8s/pod.yaml': pod(`${repo}:debian-buster`),
      'scans/nightly.json': realReport('trivy/debian-buster.json'),
      'scans/alpine.sarif': realReport('trivy/alpine-310.sarif'),
    });
    const { json } = runJson(['.'], { cwd: dir });
    assert.deepEqual(vulnerabilities(json), [`8:12 warning image "${repo}:debian-buster" has 1 critical, 1 low vulnerabilities (trivy, 2021-08-25)`]);
    assert.deepEqual([...new Set(json.findings.map((f) => (f as unknown as { file: string }).file))], ['k8s/pod.yaml']);
    assert.deepEqual(json.errors, []);
  });

  test('a --scan-report that is no report is an error, not a clean bill', () => {
    const dir = tempWorkspace({ 'pod.yaml': pod('nginx:1.25'), 'other.json': '{"name": "x"}' });
    const run = runCli(['check', 'pod.yaml', '--scan-report', 'other.json', '--scan-report', 'missing.json'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(run.stdout + run.stderr, /other\.json.*not a Trivy JSON, Grype JSON or SARIF report/);
    assert.match(run.stdout + run.stderr, /missing\.json/);
  });
});

describe('--scan-images', { skip: !existsSync(scannerReports) && 'the reference reports are not there' }, () => {
  test('runs the scanner on the PATH once per image, reports with progress, and the next run uses the cache', () => {
    const argsFile = join(emptyPath(), 'args');
    const stub = scannerStub({ name: 'trivy', stdout: realReport('trivy/alpine-39-high-critical.json'), argsFile });
    const cache = emptyPath();
    const dir = tempWorkspace({ 'a.yaml': pod('nginx:1.25', 'redis:7'), 'b.yaml': pod('nginx:1.25', '"{{ .Values.image }}"') });
    const env = { PATH: stub.dir, KUBE_HARDEN_SCAN_CACHE: cache };
    const first = runCli(['check', '.', '--format', 'json', '--scan-images'], { cwd: dir, env });
    assert.deepEqual(callsOf(argsFile), [
      ['image', '--format', 'json', '--scanners', 'vuln', '--quiet', 'nginx:1.25'],
      ['image', '--format', 'json', '--scanners', 'vuln', '--quiet', 'redis:7'],
    ]);
    assert.match(first.stderr, /scanning nginx:1\.25 with trivy \(1\/2\)/);
    const messages = vulnerabilities(JSON.parse(first.stdout));
    assert.equal(messages.length, 3);
    assert.ok(
      messages.every((m) => /warning image "(nginx:1\.25|redis:7)" has 2 critical vulnerabilities \(trivy, 2021-08-25\)/.test(m)),
      messages.join('\n'),
    );
    const second = runCli(['check', '.', '--format', 'json', '--scan-images'], { cwd: dir, env });
    assert.equal(callsOf(argsFile).length, 2, 'the second run scans nothing');
    assert.deepEqual(vulnerabilities(JSON.parse(second.stdout)), messages);
  });

  test('Grype when it is the one installed; a failed scan is a note, not a finding', () => {
    const grype = scannerStub({ name: 'grype', fail: { code: 1, stderr: 'failed to pull image "nginx:1.25"\n' } });
    const dir = tempWorkspace({ 'a.yaml': pod('nginx:1.25') });
    const run = runCli(['check', '.', '--format', 'json', '--scan-images'], { cwd: dir, env: { PATH: grype.dir, KUBE_HARDEN_SCAN_CACHE: emptyPath() } });
    assert.match(run.stderr, /nginx:1\.25: not scanned: grype failed: failed to pull image "nginx:1\.25"/);
    assert.deepEqual(vulnerabilities(JSON.parse(run.stdout)), []);
  });
});

test('no scanner and no report: one message saying how to get one, and no finding', () => {
  const dir = tempWorkspace({ 'a.yaml': pod('nginx:1.25') });
  const run = runCli(['check', '.', '--format', 'json', '--scan-images'], { cwd: dir, env: { PATH: emptyPath(), KUBE_HARDEN_SCAN_CACHE: emptyPath() } });
  assert.equal(
    run.stderr,
    'kube-harden: no image scanner found: install Trivy (https://trivy.dev) or Grype (https://github.com/anchore/grype) and put it on the PATH, or import an existing report (Trivy or Grype JSON, or SARIF) with --scan-report FILE.\n',
  );
  assert.deepEqual(vulnerabilities(JSON.parse(run.stdout)), []);
});
