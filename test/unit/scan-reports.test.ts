// The scanner report parsers on the real reports of ../shared/reference/scanner-reports (Trivy's and
// Grype's own test data): every file is read, each yields the image it names, its counts by severity
// and its worst vulnerabilities with fixed versions and advisories; and image references match
// whatever way they are written.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScanReport, scanReportOf } from '../../rules/images/scan-report';
import { countsText, lookupKey, referenceKeys, worstKept } from '../../rules/images/scan-summary';
import { reportEntry, scanOfOutput, scanReports } from '../../rules/images/scan-facts';
import { extractText } from '../../server/src/engine';
import { workspaceExtractors } from '../../rules';

const reports = resolve(__dirname, '../../../shared/reference/scanner-reports');
const read = (path: string) => readFileSync(join(reports, path), 'utf8');

/** What each real report holds, worked out by hand from the file. */
const expected: Record<string, { scanner: string; key: string; counts: string; worst: string; fixed: string; url: string }> = {
  'trivy/alpine-39-high-critical.json': {
    scanner: 'trivy',
    key: 'ghcr.io/aquasecurity/trivy-test-images:alpine-39',
    counts: '2 critical',
    worst: 'CVE-2019-14697',
    fixed: '1.1.20-r5',
    url: 'https://avd.aquasec.com/nvd/cve-2019-14697',
  },
  'trivy/alpine-distroless.json': {
    scanner: 'trivy',
    key: 'ghcr.io/aquasecurity/trivy-test-images:alpine-distroless',
    counts: '1 medium',
    worst: 'CVE-2022-24765',
    fixed: '2.35.2-r0',
    url: 'https://avd.aquasec.com/nvd/cve-2022-24765',
  },
  'trivy/debian-buster.json': {
    scanner: 'trivy',
    key: 'ghcr.io/aquasecurity/trivy-test-images:debian-buster',
    counts: '1 critical, 1 low',
    worst: 'CVE-2019-18224',
    fixed: '2.0.5-1+deb10u1',
    url: 'https://avd.aquasec.com/nvd/cve-2019-18224',
  },
  'trivy/alpine-310.sarif': {
    scanner: 'trivy',
    key: 'ghcr.io/aquasecurity/trivy-test-images:alpine-310',
    counts: '4 medium',
    worst: 'CVE-2019-1549',
    fixed: '1.1.1d-r0',
    url: 'https://avd.aquasec.com/nvd/cve-2019-1549',
  },
  'grype/json-image.json': { scanner: 'grype', key: 'docker.io/library/user-input:latest', counts: '1 critical, 1 low', worst: 'CVE-1999-0002', fixed: '', url: '' },
};

describe('scanner reports', { skip: !existsSync(reports) && 'the reference reports are not there' }, () => {
  const files = existsSync(reports) ? ['trivy', 'grype'].flatMap((d) => readdirSync(join(reports, d)).map((f) => `${d}/${f}`)) : [];

  test('every report of the reference folder is known to this test', () => {
    assert.deepEqual(files.filter((f) => !f.endsWith('LICENSE')).sort(), Object.keys(expected).sort());
  });

  for (const [file, want] of Object.entries(expected)) {
    test(file, () => {
      const [scan, ...more] = scanReportOf(read(file));
      assert.equal(more.length, 0);
      assert.equal(scan.scanner, want.scanner);
      assert.ok(scan.keys.includes(want.key), `${want.key} in ${scan.keys.join(', ')}`);
      assert.equal(countsText(scan), want.counts);
      assert.equal(scan.worst[0].id, want.worst);
      assert.equal(scan.worst[0].fixed, want.fixed);
      assert.equal(scan.worst[0].url, want.url);
      // A tarball's path is no reference an image of a manifest could have.
      assert.ok(scan.keys.every((k) => !k.includes('.tar')));
    });
  }

  test('Grype: every fixed version of a match, and its severity words', () => {
    const [scan] = scanReportOf(read('grype/json-image.json'));
    const low = scan.worst.find((v) => v.id === 'CVE-1999-0001')!;
    assert.deepEqual({ pkg: low.pkg, installed: low.installed, fixed: low.fixed, severity: low.severity }, { pkg: 'package-1', installed: '1.1.1', fixed: '1.2.1, 2.1.3, 3.4.0', severity: 'low' });
  });

  test('Trivy SARIF: package, installed and fixed versions from each result, the advisory from its rule', () => {
    const [scan] = scanReportOf(read('trivy/alpine-310.sarif'));
    assert.deepEqual(
      scan.worst.map((v) => `${v.id} ${v.pkg} ${v.installed} -> ${v.fixed}`),
      [
        'CVE-2019-1549 libcrypto1.1 1.1.1c-r0 -> 1.1.1d-r0',
        'CVE-2019-1549 libssl1.1 1.1.1c-r0 -> 1.1.1d-r0',
        'CVE-2019-1551 libcrypto1.1 1.1.1c-r0 -> 1.1.1d-r2',
        'CVE-2019-1551 libssl1.1 1.1.1c-r0 -> 1.1.1d-r2',
      ],
    );
  });

  test('the workspace reads a report by its shape, whatever its name, and keeps a small fact', () => {
    const text = read('trivy/debian-buster.json');
    const entry = extractText('/w/scans/nightly-output.json', text, workspaceExtractors());
    const facts = entry.facts.get(scanReports.id) ?? [];
    assert.equal(facts.length, 1);
    assert.ok(JSON.stringify(facts).length < text.length / 2);
    assert.equal(reportEntry('/w/x.txt', text)?.facts.get(scanReports.id)?.length, 1);
  });

  test('a scanner run is named by the reference it scanned and dated by the run when the report is not', () => {
    const scan = scanOfOutput(read('grype/json-image.json'), 'registry.example.com/app:2.0', Date.UTC(2026, 11, 6));
    assert.ok(scan!.keys.includes('registry.example.com/app:2.0'));
    assert.equal(scan!.scannedAt.slice(0, 10), '2026-12-06');
  });
});

describe('what is no scanner report', () => {
  const cases: Record<string, unknown> = {
    'a seccomp profile': { defaultAction: 'SCMP_ACT_ERRNO', syscalls: [] },
    'package.json': { name: 'x', version: '1.0.0' },
    "kube-harden's own SARIF": { version: '2.1.0', runs: [{ tool: { driver: { name: 'kube-harden' } }, results: [] }] },
    'a Kubernetes List': { apiVersion: 'v1', kind: 'List', items: [] },
  };
  for (const [name, json] of Object.entries(cases)) {
    test(name, () => {
      assert.deepEqual(parseScanReport(json), []);
      assert.deepEqual(scanReportOf(JSON.stringify(json)), []);
    });
  }
  test('broken JSON', () => assert.deepEqual(scanReportOf('{"SchemaVersion": 2, "ArtifactName": "x", '), []));
});

describe('a large report', () => {
  test('keeps the counts of every vulnerability and the worst ten, worst and fixable first', () => {
    const severities = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL', 'UNKNOWN'];
    const vulnerabilities = Array.from({ length: 500 }, (_, i) => ({
      VulnerabilityID: `CVE-2024-${1000 + i}`,
      PkgName: `p${i}`,
      InstalledVersion: '1',
      FixedVersion: i % 2 ? '2' : '',
      Severity: severities[i % 5],
    }));
    // The same finding twice (two targets) counts once.
    const report = {
      SchemaVersion: 2,
      ArtifactName: 'nginx:1.25',
      CreatedAt: '2026-12-06T10:00:00Z',
      Results: [{ Vulnerabilities: vulnerabilities }, { Vulnerabilities: vulnerabilities.slice(0, 5) }],
    };
    const [scan] = parseScanReport(report);
    assert.equal(countsText(scan), '100 critical, 100 high, 100 medium, 100 low, 100 unknown');
    assert.equal(scan.worst.length, worstKept);
    assert.ok(scan.worst.every((v) => v.severity === 'critical'));
    assert.ok(scan.worst.every((v) => v.fixed === '2'));
  });
});

describe('image references', () => {
  test('Docker Hub short names, library images and the default tag are one image', () => {
    const key = lookupKey('nginx:1.25');
    for (const ref of ['docker.io/library/nginx:1.25', 'index.docker.io/library/nginx:1.25', 'library/nginx:1.25']) assert.equal(lookupKey(ref), key, ref);
    assert.equal(lookupKey('nginx'), lookupKey('docker.io/library/nginx:latest'));
    assert.notEqual(lookupKey('nginx:1.25'), lookupKey('nginx:1.26'));
    assert.notEqual(lookupKey('ghcr.io/nginx:1.25'), key);
  });

  test('a digest is the content: a reference with one is looked up by it, whatever its tag', () => {
    const digest = 'sha256:' + 'a'.repeat(64);
    assert.equal(lookupKey(`nginx:1.25@${digest}`), `docker.io/library/nginx@${digest}`);
    assert.deepEqual(referenceKeys(`nginx@${digest}`), [`docker.io/library/nginx@${digest}`]);
    assert.ok(referenceKeys(`nginx:1.25@${digest}`).includes('docker.io/library/nginx:1.25'));
  });

  test('file names and registry ports', () => {
    assert.deepEqual(referenceKeys('testdata/fixtures/images/alpine-39.tar.gz'), []);
    assert.deepEqual(referenceKeys('registry.local:5000/app'), ['registry.local:5000/app:latest']);
  });
});

describe('Grype SARIF', () => {
  // The shape of Grype's SARIF presenter: the package, version and fix in each rule's help text, the
  // image only in the locations' logical names (`<image>@<digest>:<path>`), the tool's page as helpUri.
  const digest = `sha256:${'c'.repeat(64)}`;
  const rule = (id: string, severity: string, fix: string) => ({
    id: `${id}-openssl`,
    helpUri: 'https://github.com/anchore/grype',
    help: { text: `Vulnerability ${id}\nSeverity: ${severity}\nPackage: openssl\nVersion: 3.0.11\nFix Version: ${fix}\nType: apk\nLink: https://nvd.nist.gov/vuln/detail/${id}` },
    properties: { 'security-severity': '7.5' },
  });
  const result = (id: string) => ({
    ruleId: `${id}-openssl`,
    message: { text: 'The path /lib/apk/db/installed reports openssl at version 3.0.11 which is a vulnerable (apk) package installed in the container' },
    locations: [{ logicalLocations: [{ fullyQualifiedName: `nginx:1.25@${digest}:/lib/apk/db/installed` }] }],
  });
  const sarif = {
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'grype', informationUri: 'https://github.com/anchore/grype', rules: [rule('CVE-2024-0001', 'high', '3.0.13'), rule('CVE-2024-0002', 'low', '')] } },
        results: [result('CVE-2024-0001'), result('CVE-2024-0002')],
      },
    ],
  };

  test('the image from the logical locations, the fields from the help text, the advisory from its link', () => {
    const [scan] = parseScanReport(sarif);
    assert.equal(scan.scanner, 'grype');
    assert.deepEqual(scan.keys, ['docker.io/library/nginx:1.25', `docker.io/library/nginx@${digest}`]);
    assert.equal(countsText(scan), '1 high, 1 low');
    assert.deepEqual(scan.worst[0], { id: 'CVE-2024-0001', pkg: 'openssl', installed: '3.0.11', fixed: '3.0.13', severity: 'high', url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-0001' });
  });

  test("Trivy's SARIF template names its rules `[SEVERITY] CVE-…`", () => {
    const template = {
      runs: [
        {
          tool: { driver: { name: 'Trivy', rules: [{ id: '[HIGH] CVE-2024-0003', properties: { tags: ['vulnerability', 'HIGH', 'zlib'] } }] } },
          properties: { imageName: 'app:1' },
          results: [{ ruleId: '[HIGH] CVE-2024-0003', message: { text: 'zlib' } }],
        },
      ],
    };
    const [scan] = parseScanReport(template);
    assert.equal(scan.worst[0].id, 'CVE-2024-0003');
    assert.equal(scan.worst[0].severity, 'high');
  });
});
