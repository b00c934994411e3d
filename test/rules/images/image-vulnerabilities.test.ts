import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { check, mergeConfig } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { ruleTester } from '../../helpers/rule-tester';
import { scanHover } from '../../../rules/images/scan-hover';
import { viewOf, workspaceOf } from '../../helpers/workspace';

const reports = resolve(__dirname, '../../../../shared/reference/scanner-reports');
const trivy = (name: string) => readFileSync(`${reports}/trivy/${name}`, 'utf8');
const grype = readFileSync(`${reports}/grype/json-image.json`, 'utf8');
const files = {
  '/workspace/reports/alpine-39.json': trivy('alpine-39-high-critical.json'),
  '/workspace/reports/distroless.json': trivy('alpine-distroless.json'),
  '/workspace/reports/alpine-310.sarif': trivy('alpine-310.sarif'),
  '/workspace/grype.json': grype,
};
const pod = (image: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: ${image}\n${extra}`;
const repo = 'ghcr.io/aquasecurity/trivy-test-images';

ruleTester('image-vulnerabilities', {
  valid: [
    { name: 'an image no report names', code: pod('nginx:1.27.3'), files },
    { name: 'another tag of a scanned image', code: pod(`${repo}:alpine-40`), files },
    { name: 'a digest other than the one scanned', code: pod(`${repo}:alpine-39@sha256:${'b'.repeat(64)}`), files },
    { name: 'a templated image', code: pod(`"{{ .Values.image }}"`), files },
    { name: 'a substituted image', code: pod(`${repo}:$(TAG)`), files },
    { name: 'no report at all', code: pod(`${repo}:alpine-39`) },
    { name: 'a scan that found nothing', code: pod('clean:1.0'), files: { '/workspace/clean.json': JSON.stringify({ SchemaVersion: 2, ArtifactName: 'clean:1.0', Results: [{ Target: 'x' }] }) } },
    {
      name: 'a report that is no scan is not read',
      code: pod('nginx:1.25'),
      files: { '/workspace/other.json': JSON.stringify({ runs: [{ tool: { driver: { name: 'kube-harden' } }, results: [] }] }) },
    },
  ],
  invalid: [
    { name: 'Trivy JSON, on the image value', code: pod(`${repo}:alpine-39`), files, errors: [{ messageId: 'vulnerable', line: 8, column: 14, endColumn: 62 }], output: null },
    { name: 'Trivy SARIF', code: pod(`${repo}:alpine-310`), files, errors: [{ messageId: 'vulnerable', line: 8, column: 14 }], output: null },
    {
      name: 'Grype, by what the user typed, in a Deployment',
      code: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: init\n          image: "docker.io/library/user-input"\n      containers:\n        - name: app\n          image: user-input:latest\n`,
      files,
      errors: [
        { messageId: 'vulnerable', line: 10, column: 18 },
        { messageId: 'vulnerable', line: 13, column: 18 },
      ],
      output: null,
    },
    {
      name: 'the full reference of a short name',
      code: pod('docker.io/library/nginx:1.25'),
      files: {
        '/w/n.json': JSON.stringify({
          SchemaVersion: 2,
          ArtifactName: 'nginx:1.25',
          Results: [{ Vulnerabilities: [{ VulnerabilityID: 'CVE-1', PkgName: 'p', InstalledVersion: '1', Severity: 'HIGH' }] }],
        }),
      },
      errors: [{ messageId: 'vulnerable', line: 8, column: 14 }],
      output: null,
    },
  ],
});

function findings(code: string, extra: Record<string, string> = files) {
  const config = mergeConfig({});
  const workspace = viewOf(workspaceOf(extra), '/workspace/manifest.yaml', code);
  return check(code, { config, rules, workspace }).findings.filter((f) => f.ruleId === 'image-vulnerabilities');
}

test('the message counts by severity and names the scanner and the day of the scan', () => {
  assert.deepEqual(
    findings(pod(`${repo}:alpine-39`)).map((f) => f.message),
    [`image "${repo}:alpine-39" has 2 critical vulnerabilities (trivy, 2021-08-25)`],
  );
  assert.deepEqual(
    findings(pod(`${repo}:alpine-distroless`)).map((f) => f.message),
    [`image "${repo}:alpine-distroless" has 1 medium vulnerability (trivy, 2021-08-25)`],
  );
});

test('critical or high: the rule severity (warning); medium and low only: one step milder (info)', () => {
  assert.equal(findings(pod(`${repo}:alpine-39`))[0].severity, 'warning');
  assert.equal(findings(pod(`${repo}:alpine-310`))[0].severity, 'info');
  const raised = check(pod(`${repo}:alpine-310`), {
    config: mergeConfig({ rules: { 'image-vulnerabilities': 'error' } }),
    rules,
    workspace: viewOf(workspaceOf(files), '/workspace/m.yaml', pod(`${repo}:alpine-310`)),
  });
  assert.equal(raised.findings.find((f) => f.ruleId === 'image-vulnerabilities')?.severity, 'warning');
});

test('two reports of one image: the newer one counts', () => {
  const older = JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: 'app:1',
    CreatedAt: '2026-01-01T00:00:00Z',
    Results: [{ Vulnerabilities: [{ VulnerabilityID: 'CVE-1', PkgName: 'p', Severity: 'CRITICAL' }] }],
  });
  const newer = JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: 'app:1',
    CreatedAt: '2026-06-01T00:00:00Z',
    Results: [{ Vulnerabilities: [{ VulnerabilityID: 'CVE-2', PkgName: 'p', Severity: 'LOW' }] }],
  });
  assert.deepEqual(
    findings(pod('app:1'), { '/w/a.json': older, '/w/b.json': newer }).map((f) => f.message),
    ['image "app:1" has 1 low vulnerability (trivy, 2026-06-01)'],
  );
});

test('the hover on the image lists the worst vulnerabilities with their fixed versions and advisories', () => {
  const code = pod(`${repo}:debian-buster`);
  const model = workspaceOf({ '/workspace/buster.json': trivy('debian-buster.json') });
  const workspace = viewOf(model, '/workspace/manifest.yaml', code);
  const result = check(code, { config: mergeConfig({}), rules, workspace });
  const ctx = { file: result.file, resource: result.resources[0], workspace, facts: () => [], link: (at: { file: string }) => `[${at.file}](${at.file})` };
  const hover = scanHover.hover(ctx as never, code.indexOf('debian-buster'));
  assert.equal(
    hover?.markdown,
    [
      '**Vulnerabilities**: 1 critical, 1 low (trivy, 2021-08-25, [/workspace/buster.json](/workspace/buster.json)); all:',
      '',
      '- **critical** [CVE-2019-18224](https://avd.aquasec.com/nvd/cve-2019-18224): libidn2-0 2.0.5-1, fixed in 2.0.5-1+deb10u1',
      '- **low** [CVE-2019-18276](https://avd.aquasec.com/nvd/cve-2019-18276): bash 5.0-4, no fix yet',
    ].join('\n'),
  );
  assert.equal(hover?.node.range?.[0], code.indexOf(repo));
  assert.equal(scanHover.hover(ctx as never, code.indexOf('name: app')), undefined);
});

test('a report cannot inject Markdown or links into the hover', () => {
  const evil = JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: 'app:1',
    Results: [{ Vulnerabilities: [{ VulnerabilityID: 'CVE-1](javascript:alert(1))', PkgName: '<img src=x>', Severity: 'HIGH', PrimaryURL: 'javascript:alert(1)' }] }],
  });
  const code = pod('app:1');
  const workspace = viewOf(workspaceOf({ '/w/evil.json': evil }), '/workspace/manifest.yaml', code);
  const result = check(code, { config: mergeConfig({}), rules, workspace });
  const hover = scanHover.hover({ file: result.file, resource: result.resources[0], workspace, facts: () => [], link: () => 'x' } as never, code.indexOf('app:1'));
  assert.doesNotMatch(hover!.markdown, /(?<!\\)\]\(javascript|(?<!\\)<img/);
  assert.match(hover!.markdown, /CVE-1\\\]\\\(javascript/);
});
