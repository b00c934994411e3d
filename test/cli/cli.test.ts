// The real `kube-harden` bundle (dist/cli.js), spawned with node on temporary folders: exit codes,
// the exact JSON shape, SARIF structure, folder search, stdin, levels and versions, Namespace labels
// across files, --fix, bad input, configuration files and the reference corpus.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { rules, docsUrl } from '../../rules';
import { complianceIds, defineRule, mergeConfig } from '../../server/src/engine';
import { runCheck } from '../../server/src/cli/run-check';
import { toJson } from '../../server/src/cli/format-json';
import { buildOnce, cleanTemps, hardenedPod, privilegedPod, runCli, runJson, tempWorkspace, yaml } from './helpers';

/**
 * These tests are about Pod Security and the CLI itself; the network rules (which flag every
 * workload that no NetworkPolicy isolates) are switched off in their workspaces. test/cli/network-*.test.ts covers them.
 * So are the runtime and images rules (unpinned images, unset resources), which the rule tables cover.
 */
const othersOff = rules.filter((r) => r.meta.category === 'runtime' || r.meta.category === 'images').map((r) => `  ${r.id}: "off"`);
const networkOff = { '.kube-harden.yaml': yaml('rules:', '  network-ingress-isolation: "off"', '  network-namespace-default-deny: "off"', ...othersOff) };
/**
 * The namespace tests are about what a Namespace's Pod Security labels do to the resources of that
 * namespace; the admission family's note on the Namespace itself (namespace-labels-enforce: enforcing
 * `privileged` admits any pod), which test/rules/admission covers, is switched off in their workspaces too.
 */
const namespaceNotesOff = { '.kube-harden.yaml': `${networkOff['.kube-harden.yaml']}  namespace-labels-enforce: "off"\n` };

before(() => buildOnce());
after(() => cleanTemps());

describe('exit codes', () => {
  test('0 and a clean summary when there is nothing to report', () => {
    const cwd = tempWorkspace({ 'pod.yaml': hardenedPod, ...networkOff });
    const run = runCli(['check', 'pod.yaml'], { cwd });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, 'No problems found in 1 file\n');
  });

  test('1 with findings', () => {
    const cwd = tempWorkspace({ 'pod.yaml': privilegedPod, ...networkOff });
    const run = runCli(['check', 'pod.yaml'], { cwd });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^pod\.yaml:10:19: error privileged-container container "app" is privileged \[Pod\/web\]$/m);
    assert.match(run.stdout, /^5 problems \(1 error, 4 warnings\) in 1 file$/m);
  });

  test('2 on an unknown flag, with the flag named on stderr and nothing on stdout', () => {
    const cwd = tempWorkspace({ 'pod.yaml': privilegedPod });
    const run = runCli(['check', '--frmat', 'json', 'pod.yaml'], { cwd });
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /--frmat/);
  });

  test('2 on bad option values and unknown commands', () => {
    const cwd = tempWorkspace({ 'pod.yaml': privilegedPod });
    for (const args of [['check', '--level', 'strict'], ['check', '--format', 'xml'], ['check', '--kubernetes-version', '2.0'], ['lint', 'pod.yaml'], []]) {
      const run = runCli(args, { cwd });
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /kube-harden: /);
    }
  });

  test('2 when a path cannot be read; the other paths are still checked', () => {
    const cwd = tempWorkspace({ 'pod.yaml': privilegedPod });
    const run = runJson(['missing.yaml', 'pod.yaml'], { cwd });
    assert.equal(run.code, 2);
    assert.deepEqual(run.json.errors, [{ file: 'missing.yaml', message: 'cannot read: no such file or directory' }]);
    assert.ok(run.json.findings.some((f) => f.file === 'pod.yaml' && f.ruleId === 'privileged-container'));
  });

  test('--version prints the version of package.json, --help the usage', () => {
    const cwd = tempWorkspace();
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    const version = runCli(['--version'], { cwd });
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), pkg.version);
    const help = runCli(['check', '--help'], { cwd });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: kube-harden/);
    assert.match(help.stdout, /--kubernetes-version/);
  });
});

describe('JSON output', () => {
  test('has exactly the documented shape, with 1-based positions of the value at fault', () => {
    const cwd = tempWorkspace({ 'pod.yaml': privilegedPod });
    const run = runJson(['pod.yaml'], { cwd });
    assert.equal(run.code, 1);
    assert.deepEqual(Object.keys(run.json), ['findings', 'errors']);
    assert.deepEqual(run.json.errors, []);
    const privileged = run.json.findings.find((f) => f.ruleId === 'privileged-container');
    // Line 10 is `      privileged: true`; `true` starts at column 19 and ends before column 23.
    assert.deepEqual(privileged, {
      file: 'pod.yaml',
      line: 10,
      column: 19,
      endLine: 10,
      endColumn: 23,
      ruleId: 'privileged-container',
      category: 'pod-security',
      severity: 'error',
      message: 'container "app" is privileged',
      pss: 'privileged',
      level: 'baseline',
      resource: { kind: 'Pod', name: 'web', namespace: null },
      equivalents: ['KSV-0017', 'CKV_K8S_16', 'kube-linter:privileged-container', 'polaris:runAsPrivileged', 'C-0057', 'C-0193'],
      compliance: ['CIS 5.2.2', 'NSA-CISA Kubernetes Pod security: Pod security enforcement'],
    });
    for (const finding of run.json.findings) {
      assert.deepEqual(Object.keys(finding), ['file', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'category', 'severity', 'message', 'pss', 'level', 'resource', 'equivalents', 'compliance']);
      // Every peer id in its own form, Trivy's always KSV-NNNN.
      for (const id of finding.equivalents) assert.match(id, /^(KSV-\d{4}|CKV2?_K8S_\d+|kube-linter:[a-z-]+|polaris:[A-Za-z]+|C-\d{4})$/);
      for (const ref of finding.compliance) assert.match(ref, /^(CIS 5\.\d+\.\d+|NSA-CISA .+)$/);
      assert.deepEqual(Object.keys(finding.resource), ['kind', 'name', 'namespace']);
    }
  });

  test('counts columns in UTF-16 code units', () => {
    // "é" is one UTF-16 unit but two UTF-8 bytes; "😀" is two UTF-16 units but one code point.
    const line =
      'spec: {containers: [{name: "é😀", image: x, securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false, seccompProfile: {type: RuntimeDefault}, capabilities: {drop: [ALL]}, privileged: true}}]}';
    const cwd = tempWorkspace({ 'flow.yaml': yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', line), ...networkOff });
    const findings = runJson(['flow.yaml'], { cwd }).json.findings;
    assert.equal(findings.length, 1);
    assert.equal(findings[0].ruleId, 'privileged-container');
    assert.equal(findings[0].line, 4);
    assert.equal(findings[0].column, line.indexOf('true}}]}') + 1);
    assert.equal(findings[0].endColumn, line.indexOf('true}}]}') + 5);
  });

  test('stdout holds only the JSON when files are skipped; the note goes to stderr', () => {
    const cwd = tempWorkspace({
      'chart/templates/deploy.yaml': yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: {{ .Release.Name }}', '{{- if .Values.x }}', 'spec: {}', '{{- end }}'),
    });
    const run = runJson(['.'], { cwd });
    assert.equal(run.code, 0);
    assert.deepEqual(run.json, { findings: [], errors: [] });
    assert.match(run.stderr, /Helm/);
  });
});

describe('SARIF output', () => {
  test('is SARIF 2.1.0 with the whole catalog, help URIs and consistent rule indexes', () => {
    const cwd = tempWorkspace({ 'deploy/app/pod.yaml': privilegedPod, 'broken.yaml': 'a: [\n' });
    const run = runCli(['check', '--format', 'sarif', '.'], { cwd });
    assert.equal(run.code, 1, run.stderr);
    const sarif = JSON.parse(run.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(sarif.runs.length, 1);
    const [sarifRun] = sarif.runs;
    const driver = sarifRun.tool.driver;
    assert.equal(driver.name, 'kube-harden');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(
      driver.rules.map((r: { id: string }) => r.id),
      rules.map((r) => r.id),
    );
    for (const [i, rule] of driver.rules.entries()) {
      assert.equal(rule.helpUri, docsUrl(rules[i].id));
      assert.equal(rule.shortDescription.text, rules[i].meta.title);
      assert.equal(rule.fullDescription.text, rules[i].meta.description);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      assert.equal(rule.properties.category, rules[i].meta.category);
      assert.equal(rule.properties.pss, rules[i].meta.pss?.check ?? null);
      assert.deepEqual(rule.properties.equivalents, rules[i].meta.equivalents === 'none' ? {} : rules[i].meta.equivalents);
      assert.deepEqual(rule.properties.compliance, complianceIds(rules[i].meta.compliance));
      if (rules[i].meta.compliance !== 'none') assert.match(rule.help.text, /Compliance: /);
      assert.ok(Array.isArray(rule.properties.tags));
    }
    assert.ok(sarifRun.results.length >= 5);
    for (const result of sarifRun.results) {
      assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.equal(typeof result.message.text, 'string');
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.equal(artifactLocation.uri, 'deploy/app/pod.yaml');
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(region[key] >= 1, key);
    }
    const privileged = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === 'privileged-container');
    assert.deepEqual(privileged.locations[0].physicalLocation.region, { startLine: 10, startColumn: 19, endLine: 10, endColumn: 23 });
    assert.equal(privileged.level, 'error');
    const [invocation] = sarifRun.invocations;
    assert.equal(invocation.executionSuccessful, true);
    assert.equal(invocation.toolExecutionNotifications.length, 1);
    assert.equal(invocation.toolExecutionNotifications[0].level, 'error');
    assert.equal(invocation.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri, 'broken.yaml');
  });

  test('an unreadable path makes the execution unsuccessful', () => {
    const cwd = tempWorkspace();
    const run = runCli(['check', '--format', 'sarif', 'nope'], { cwd });
    assert.equal(run.code, 2);
    const sarif = JSON.parse(run.stdout);
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
    assert.deepEqual(sarif.runs[0].results, []);
  });
});

describe('inputs', () => {
  test('folders are searched recursively for *.yaml and *.yml in sorted order, skipping node_modules and .git', () => {
    const cwd = tempWorkspace({
      'b/pod.yml': privilegedPod,
      'a/deep/er/pod.yaml': privilegedPod,
      'a/pod.YAML': privilegedPod,
      'a/notes.txt': privilegedPod,
      'node_modules/pkg/pod.yaml': privilegedPod,
      '.git/pod.yaml': privilegedPod,
      'z.yaml': hardenedPod,
    });
    const run = runJson([], { cwd });
    const files = [...new Set(run.json.findings.filter((f) => !['network', 'runtime', 'images'].includes(f.category)).map((f) => f.file))];
    assert.deepEqual(files, [join('a', 'deep', 'er', 'pod.yaml'), join('a', 'pod.YAML'), join('b', 'pod.yml')]);
    const text = runCli(['check', '.'], { cwd });
    assert.match(text.stdout, /in 4 files$/m);
  });

  test('a file named explicitly is checked whatever its extension', () => {
    const cwd = tempWorkspace({ 'manifest.txt': privilegedPod });
    const run = runJson(['manifest.txt'], { cwd });
    assert.ok(run.json.findings.some((f) => f.file === 'manifest.txt' && f.ruleId === 'privileged-container'));
  });

  test('- reads standard input', () => {
    const cwd = tempWorkspace();
    const run = runJson(['-'], { cwd, input: privilegedPod });
    assert.equal(run.code, 1);
    const privileged = run.json.findings.find((f) => f.ruleId === 'privileged-container');
    assert.equal(privileged?.file, '<stdin>');
    assert.equal(privileged?.line, 10);
  });

  test('non-Kubernetes YAML (a GitHub workflow, a docker-compose file) gets no findings', () => {
    const cwd = tempWorkspace({
      '.github/workflows/ci.yml': yaml('name: CI', 'on: [push]', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - run: npm test'),
      'docker-compose.yaml': yaml('services:', '  web:', '    image: nginx', '    privileged: true', '    network_mode: host', '    ports: ["80:80"]'),
    });
    const run = runJson(['.'], { cwd });
    assert.equal(run.code, 0);
    assert.deepEqual(run.json, { findings: [], errors: [] });
  });

  test('a malformed file is an error with its line while the other files are still checked', () => {
    const cwd = tempWorkspace({ 'a-broken.yaml': yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: [x', 'spec: {}'), 'b-pod.yaml': privilegedPod });
    const run = runJson(['.'], { cwd });
    assert.equal(run.code, 1);
    assert.equal(run.json.errors.length >= 1, true);
    assert.equal(run.json.errors[0].file, 'a-broken.yaml');
    assert.match(run.json.errors[0].message, /^line \d+, column \d+: \S/);
    assert.ok(run.json.findings.some((f) => f.file === 'b-pod.yaml' && f.ruleId === 'privileged-container'));
    assert.ok(run.json.findings.every((f) => f.file === 'b-pod.yaml'));
    const text = runCli(['check', '.'], { cwd });
    assert.match(text.stdout, /^a-broken\.yaml:\d+:\d+: error yaml-syntax /m);
  });

  test('one broken document does not hide the findings of the others', () => {
    const cwd = tempWorkspace({ 'multi.yaml': 'a: [\n---\n' + privilegedPod });
    const run = runJson(['multi.yaml'], { cwd });
    assert.equal(run.code, 1);
    assert.equal(run.json.errors.length, 1);
    assert.ok(run.json.findings.some((f) => f.ruleId === 'privileged-container' && f.line === 12));
  });

  test('Helm templates and binary files are skipped with a note, not findings', () => {
    const cwd = tempWorkspace({ 'tpl.yaml': yaml('{{- if .Values.enabled }}', privilegedPod, '{{- end }}'), 'bin.yaml': 'apiVersion: v1\0\0\0' });
    const run = runCli(['check', '.'], { cwd });
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /^tpl\.yaml: note File not checked: .*Helm/m);
    assert.match(run.stdout, /^bin\.yaml: note File not checked: .*binary/m);
    assert.doesNotMatch(run.stdout, /privileged-container/);
  });

  test('text output has no colour codes when stdout is not a terminal', () => {
    const cwd = tempWorkspace({ 'pod.yaml': privilegedPod });
    const run = runCli(['check', 'pod.yaml'], { cwd });
    assert.doesNotMatch(run.stdout, /\u001b\[/);
  });
});

describe('hostile YAML', () => {
  const container = '{name: app, image: nginx, securityContext: {privileged: true}}';

  test('a 560-byte merge-key bomb of six levels is checked at once (it hung for minutes)', () => {
    const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: bomb', '  annotations:', '    m0: &m0 {x: y}'];
    for (let i = 1; i <= 6; i++)
      lines.push(
        `    m${i}: &m${i} {<<: [${Array(9)
          .fill(`*m${i - 1}`)
          .join(', ')}]}`,
      );
    lines.push(`spec: {<<: *m6, containers: [${container}]}`);
    const cwd = tempWorkspace({ ...networkOff, 'bomb.yaml': yaml(...lines) });
    const started = Date.now();
    const run = runJson(['bomb.yaml'], { cwd });
    assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
    assert.ok(run.json.findings.some((f) => f.ruleId === 'privileged-container' && f.line === 13));
  });

  test('50,000 plain aliases are checked in linear time (quadratic, 20,000 took 3.5 s)', () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: many', '  labels: &l {a: b}', 'data:'];
    for (let i = 0; i < 50_000; i++) lines.push(`  k${i}: *l`);
    const cwd = tempWorkspace({ ...networkOff, 'many.yaml': yaml(...lines) });
    const started = Date.now();
    const run = runJson(['many.yaml'], { cwd });
    // ConfigMap data values must be strings: the schema reports the first 200 aliases of a mapping, and nothing else.
    assert.equal(run.code, 1, run.stderr);
    assert.ok(run.json.findings.length <= 200 && run.json.findings.every((f) => f.ruleId === 'schema-wrong-type'));
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  });

  test('a spec that merges itself is still checked: no rule fails, privileged is reported', () => {
    const cwd = tempWorkspace({ ...networkOff, 'self.yaml': yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: self', 'spec: &s', '  <<: *s', `  containers: [${container}]`) });
    const run = runJson(['self.yaml'], { cwd });
    assert.equal(run.stderr, '');
    assert.ok(run.json.findings.some((f) => f.ruleId === 'privileged-container'));
    assert.ok(run.json.findings.every((f) => f.ruleId !== 'internal-error'));
  });

  test('a document whose merges expand too far is named as not checked', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `k${i}: v`).join(', ');
    const copies = Array.from({ length: 300 }, (_, i) => `  c${i}: {<<: *wide, own: ${i}}`);
    const cwd = tempWorkspace({ 'wide.yaml': yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: wide', `wide: &wide {${keys}}`, 'data:', ...copies) });
    const run = runCli(['check', 'wide.yaml'], { cwd });
    assert.match(run.stdout, /^wide\.yaml: note line 1: Document not checked: its merge keys \(<<\) expand to more than 200000 entries\.$/m);
  });

  test('an alias without an anchor is a syntax error at the alias', () => {
    const cwd = tempWorkspace({ 'undefined.yaml': yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: u', 'data:', '  value: *undefinedAnchor') });
    const run = runJson(['undefined.yaml'], { cwd });
    assert.equal(run.code, 1);
    assert.deepEqual(run.json.errors, [{ file: 'undefined.yaml', message: 'line 6, column 10: Unknown alias: no anchor of that name precedes it' }]);
  });

  test('a rule that throws is reported as an internal-error finding at the resource, not only on stderr', async () => {
    const broken = defineRule({
      id: 'broken',
      meta: { title: 'Broken', description: 'Throws.', category: 'test', severity: 'error', kinds: 'workload', scope: 'document', fix: 'none', messages: {}, equivalents: 'none', compliance: 'none' },
      check() {
        throw new Error('value s3cr3t is bad');
      },
    });
    const cwd = tempWorkspace({ 'pod.yaml': privilegedPod });
    const result = await runCheck({ paths: ['pod.yaml'], cwd, config: mergeConfig(), rules: [broken, ...rules], fix: false });
    const failures = toJson(result).findings.filter((f) => f.ruleId === 'internal-error');
    assert.deepEqual(failures, [
      {
        file: 'pod.yaml',
        line: 4,
        column: 9,
        endLine: 4,
        endColumn: 12,
        ruleId: 'internal-error',
        category: 'internal',
        severity: 'warning',
        message: 'kube-harden could not check rule broken on this resource: the rule failed with Error.',
        pss: null,
        level: null,
        resource: { kind: 'Pod', name: 'web', namespace: null },
        equivalents: [],
        compliance: [],
      },
    ]);
    assert.ok(result.findings.some((f) => f.finding.ruleId === 'privileged-container'));
    assert.deepEqual(result.notes, ['rule broken failed and was skipped: the rule failed with Error']);
  });
});

describe('levels, versions and namespaces', () => {
  test('--level baseline hides restricted findings', () => {
    const cwd = tempWorkspace({ 'pod.yaml': privilegedPod, ...networkOff });
    const all = runJson(['pod.yaml'], { cwd }).json.findings;
    const baseline = runJson(['--level', 'baseline', 'pod.yaml'], { cwd }).json.findings;
    assert.ok(all.some((f) => f.level === 'restricted'));
    assert.ok(baseline.length > 0);
    assert.ok(baseline.every((f) => f.level === 'baseline'));
    assert.equal(runCli(['check', '--level', 'privileged', 'pod.yaml'], { cwd }).code, 0);
  });

  test('--kubernetes-version 1.24 and 1.25 differ on a Windows pod (the 1.25 exemptions)', () => {
    const windowsPod = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: win',
      'spec:',
      '  os:',
      '    name: windows',
      '  securityContext:',
      '    runAsNonRoot: true',
      '  containers:',
      '  - name: app',
      '    image: mcr.microsoft.com/windows/nanoserver:ltsc2022',
    );
    const cwd = tempWorkspace({ 'win.yaml': windowsPod, ...networkOff });
    const before125 = runJson(['--kubernetes-version', '1.24', 'win.yaml'], { cwd });
    const from125 = runJson(['--kubernetes-version', '1.25', 'win.yaml'], { cwd });
    assert.ok(before125.json.findings.some((f) => f.ruleId === 'allow-privilege-escalation'));
    assert.equal(before125.code, 1);
    assert.deepEqual(from125.json.findings, []);
    assert.equal(from125.code, 0);
  });

  test('a Namespace label in one file applies to resources of that namespace in another file', () => {
    const namespace = yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: legacy', '  labels:', '    pod-security.kubernetes.io/enforce: privileged');
    const deployment = yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: old-app',
      '  namespace: legacy',
      'spec:',
      '  selector: {matchLabels: {app: old-app}}',
      '  template:',
      '    metadata: {labels: {app: old-app}}',
      '    spec:',
      '      containers:',
      '      - name: app',
      '        image: nginx',
      '        securityContext:',
      '          privileged: true',
    );
    const cwd = tempWorkspace({ 'ns.yaml': namespace, 'apps/deploy.yaml': deployment, ...namespaceNotesOff });
    const alone = runJson(['apps/deploy.yaml'], { cwd });
    assert.ok(alone.json.findings.some((f) => f.ruleId === 'privileged-container'));
    const together = runJson(['.'], { cwd });
    assert.deepEqual(together.json.findings, []);
    assert.equal(together.code, 0);
    // Given as separate arguments, in either order, the result is the same.
    assert.deepEqual(runJson(['apps/deploy.yaml', 'ns.yaml'], { cwd }).json.findings, []);
  });

  test('a Namespace in JSON style or inside a List counts too', () => {
    const deployment = yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: d, namespace: legacy}',
      'spec:',
      '  selector: {matchLabels: {app: d}}',
      '  template:',
      '    metadata: {labels: {app: d}}',
      '    spec:',
      '      containers:',
      '      - {name: a, image: x, securityContext: {privileged: true}}',
    );
    const json = '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "legacy", "labels": {"pod-security.kubernetes.io/enforce": "privileged"}}}\n';
    const list = yaml(
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: v1',
      '  kind: Namespace',
      '  metadata:',
      '    name: legacy',
      '    labels: {pod-security.kubernetes.io/enforce: privileged}',
    );
    for (const ns of [json, list]) {
      const cwd = tempWorkspace({ 'a.yaml': deployment, 'z-ns.yaml': ns, ...namespaceNotesOff });
      assert.ok(runJson(['a.yaml'], { cwd }).json.findings.length > 0);
      assert.deepEqual(runJson(['.'], { cwd }).json.findings, []);
    }
  });

  test('an enforce-version label sets the version for the namespace', () => {
    const namespace = yaml(
      'apiVersion: v1',
      'kind: Namespace',
      'metadata:',
      '  name: win',
      '  labels:',
      '    pod-security.kubernetes.io/enforce: restricted',
      '    pod-security.kubernetes.io/enforce-version: v1.24',
    );
    const pod = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: w',
      '  namespace: win',
      'spec:',
      '  os: {name: windows}',
      '  securityContext: {runAsNonRoot: true}',
      '  containers:',
      '  - name: app',
      '    image: x',
    );
    const cwd = tempWorkspace({ 'ns.yaml': namespace, 'pod.yaml': pod, ...networkOff });
    assert.ok(runJson(['pod.yaml'], { cwd }).json.findings.length === 0);
    assert.ok(runJson(['.'], { cwd }).json.findings.some((f) => f.ruleId === 'allow-privilege-escalation'));
  });
});

describe('configuration file', () => {
  test('.kube-harden.yaml in the current directory is read, and flags override it', () => {
    const cwd = tempWorkspace({ 'pod.yaml': privilegedPod, '.kube-harden.yaml': yaml('podSecurityLevel: baseline', 'rules:', '  host-ports: off', '  network-ingress-isolation: off') });
    const fromFile = runJson(['pod.yaml'], { cwd }).json.findings;
    assert.ok(fromFile.length > 0 && fromFile.filter((f) => f.pss).every((f) => f.level === 'baseline'));
    const overridden = runJson(['--level', 'restricted', 'pod.yaml'], { cwd }).json.findings;
    assert.ok(overridden.some((f) => f.level === 'restricted'));
  });

  test('--config names the file; per-rule severities and off apply', () => {
    const cwd = tempWorkspace({ 'pod.yaml': privilegedPod, 'conf/k.yml': yaml('rules:', '  privileged-container: off', '  run-as-non-root: error') });
    const findings = runJson(['--config', 'conf/k.yml', 'pod.yaml'], { cwd }).json.findings;
    assert.ok(!findings.some((f) => f.ruleId === 'privileged-container'));
    assert.equal(findings.find((f) => f.ruleId === 'run-as-non-root')?.severity, 'error');
  });

  test('an invalid config file is a usage error (exit 2) with a clear message', () => {
    const cwd = tempWorkspace({ 'pod.yaml': privilegedPod, '.kube-harden.yaml': yaml('podSecurityLevel: strict', 'rulez: {}') });
    const run = runCli(['check', '--format', 'json', 'pod.yaml'], { cwd });
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /invalid config file \.kube-harden\.yaml/);
    assert.match(run.stderr, /\.kube-harden\.yaml:1:\d+: podSecurityLevel: must be one of/);
    assert.match(run.stderr, /unknown setting "rulez"/);
    const missing = runCli(['check', '--config', 'nope.yaml', 'pod.yaml'], { cwd });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /config file nope\.yaml: cannot read/);
  });
});

describe('--fix', () => {
  const fixable = yaml(
    '# The web tier.',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: web # keep this comment',
    'spec:',
    '  containers:',
    '  - name: app  # the app',
    '    image: "nginx:1.27"',
    '    ports:',
    '    - containerPort: 8080',
    '      hostPort: 80',
    '    securityContext:',
    '      privileged: true',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: untouched}',
    "data: {mode: '0755'}",
  );

  test('writes the safe fixes, keeps comments and other documents, and a second run changes nothing', () => {
    const cwd = tempWorkspace({ 'pod.yaml': fixable, ...networkOff });
    const before = runJson(['pod.yaml'], { cwd });
    assert.ok(before.json.findings.length >= 5);
    const fixed = runCli(['check', '--fix', 'pod.yaml'], { cwd });
    assert.equal(fixed.code, 0, fixed.stdout);
    assert.match(fixed.stdout, /^Fixed \d+ problems in 1 file\.$/m);
    assert.match(fixed.stdout, /^No problems found in 1 file$/m);
    const text = readFileSync(join(cwd, 'pod.yaml'), 'utf8');
    for (const kept of ['# The web tier.', '# keep this comment', '# the app', 'image: "nginx:1.27"', "data: {mode: '0755'}", 'metadata: {name: untouched}']) {
      assert.ok(text.includes(kept), `lost ${kept}`);
    }
    assert.doesNotMatch(text, /privileged: true/);
    assert.doesNotMatch(text, /hostPort/);
    assert.deepEqual(runJson(['pod.yaml'], { cwd }).json, { findings: [], errors: [] });
    const again = runCli(['check', '--fix', 'pod.yaml'], { cwd });
    assert.equal(again.code, 0);
    assert.doesNotMatch(again.stdout, /Fixed/);
    assert.equal(readFileSync(join(cwd, 'pod.yaml'), 'utf8'), text);
  });

  test('reports what no safe fix can remove and leaves it in place', () => {
    const hostPath = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: probe',
      'spec:',
      '  hostNetwork: true',
      '  containers:',
      '  - name: a',
      '    image: x',
      '  volumes:',
      '  - name: h',
      '    hostPath: {path: /proc}',
    );
    const cwd = tempWorkspace({ 'probe.yaml': hostPath, ...networkOff });
    const run = runJson(['--fix', 'probe.yaml'], { cwd });
    assert.equal(run.code, 1);
    assert.deepEqual(run.json.findings.map((f) => f.ruleId).sort(), ['host-namespaces', 'restricted-volume-types']);
    const text = readFileSync(join(cwd, 'probe.yaml'), 'utf8');
    assert.match(text, /hostNetwork: true/);
    assert.match(text, /hostPath: \{path: \/proc\}/);
    // Positions refer to the fixed text.
    const hostNetwork = run.json.findings.find((f) => f.ruleId === 'host-namespaces')!;
    assert.equal(text.split('\n')[hostNetwork.line - 1].slice(hostNetwork.column - 1, hostNetwork.endColumn - 1), 'true');
  });

  test('leaves a file with syntax errors and standard input untouched', () => {
    const broken = 'a: [\n---\n' + privilegedPod;
    const cwd = tempWorkspace({ 'broken.yaml': broken });
    const run = runCli(['check', '--fix', 'broken.yaml'], { cwd });
    assert.equal(run.code, 1);
    assert.equal(readFileSync(join(cwd, 'broken.yaml'), 'utf8'), broken);
    const stdin = runCli(['check', '--fix', '-'], { cwd, input: privilegedPod });
    assert.equal(stdin.code, 1);
    assert.match(stdin.stdout, /<stdin>:10:19: error privileged-container/);
  });
});

describe('rules command', () => {
  test('lists every rule of the catalog', () => {
    const run = runCli(['rules'], { cwd: tempWorkspace() });
    assert.equal(run.code, 0);
    for (const rule of rules) assert.match(run.stdout, new RegExp(`^${rule.id} `, 'm'));
    const json = JSON.parse(runCli(['rules', '--format', 'json'], { cwd: tempWorkspace() }).stdout) as Array<{ id: string; docs: string; equivalents: string[]; compliance: string[] }>;
    assert.deepEqual(
      json.map((r) => r.id),
      rules.map((r) => r.id),
    );
    // The catalog as a migration table: each rule's peer ids and compliance references.
    const privileged = json.find((r) => r.id === 'privileged-container')!;
    assert.deepEqual(privileged.compliance, ['CIS 5.2.2', 'NSA-CISA Kubernetes Pod security: Pod security enforcement']);
    assert.ok(privileged.equivalents.includes('KSV-0017'));
    assert.deepEqual(json.find((r) => r.id === 'secret-invalid-base64')!.compliance, []);
  });
});

describe('examples and the reference corpus', () => {
  const repo = join(__dirname, '../..');

  test('examples/hardened passes restricted at 1.37; examples/ has findings', () => {
    const hardened = runCli(['check', '--level', 'restricted', '--kubernetes-version', '1.37', 'examples/hardened'], { cwd: repo });
    assert.equal(hardened.code, 0, hardened.stdout);
    const all = runJson(['examples'], { cwd: repo });
    assert.equal(all.code, 1);
    assert.deepEqual(all.json.errors, []);
    assert.ok(all.json.findings.every((f) => f.file.startsWith(join('examples', 'insecure'))));
    for (const name of readdirSync(join(repo, 'examples/insecure')).filter((n) => n.endsWith('.yaml') && n !== 'namespace.yaml')) {
      assert.ok(
        all.json.findings.some((f) => f.file === join('examples', 'insecure', name)),
        `no finding in ${name}`,
      );
    }
  });

  const corpus = join(repo, '../shared/reference/corpus');
  test('the reference corpus is checked without errors', { skip: !existsSync(corpus) && 'corpus not present' }, () => {
    const run = runJson([corpus], { cwd: repo });
    assert.deepEqual(run.json.errors, []);
    assert.ok(run.code === 0 || run.code === 1);
    assert.ok(run.json.findings.length > 0);
  });
});

test('the bundled CLI is executable, as `bin` and npx need', () => {
  buildOnce();
  assert.ok((statSync(join(__dirname, '../../dist/cli.js')).mode & 0o111) !== 0, 'dist/cli.js is not executable');
});
