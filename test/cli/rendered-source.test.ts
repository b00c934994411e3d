// Rendered output in the CLI: each finding names the chart template (`# Source:` of `helm template`)
// or Kustomize origin its document came from, in JSON, SARIF and text; output without a source is
// unchanged. Uses the Istio addons of the corpus (real `helm template` output) and a real
// `kubectl kustomize` build when kubectl is on the PATH.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildOnce, cleanTemps, JsonFinding, privilegedPod, runCli, runJson, tempWorkspace } from './helpers';
import { kubectlMissing } from '../helpers/kubectl';

const grafanaPath = resolve(__dirname, '../../../shared/reference/corpus/istio__addons-grafana.yaml');
const noCorpus = !existsSync(grafanaPath) && 'corpus not present';
const grafana = () => readFileSync(grafanaPath, 'utf8');
/** The same rendering with its `# Source:` comments turned into other comments: same lines, no source. */
const unsourced = () => grafana().replace(/^# Source:/gm, '# Origin:');

type Sourced = JsonFinding & { source?: string };

describe('findings of rendered output name their source', () => {
  before(buildOnce);
  after(cleanTemps);

  test('JSON from stdin: each finding of a chart document has its template, the others none', { skip: noCorpus }, () => {
    // A hand-written Pod appended after the chart's documents has no comment, hence no source.
    const run = runJson(['-'], { cwd: tempWorkspace(), input: `${grafana()}---\n${privilegedPod}` });
    const findings = run.json.findings as Sourced[];
    const byKind = (kind: string) => findings.filter((f) => f.resource.kind === kind);
    assert.ok(byKind('Deployment').length > 0 && byKind('Pod').length > 0);
    for (const f of byKind('Deployment')) assert.equal(f.source, 'grafana/templates/deployment.yaml', `${f.ruleId} at line ${f.line}`);
    for (const f of byKind('Pod')) assert.ok(!('source' in f), `${f.ruleId} of the Pod has no source`);
    assert.ok(!run.stdout.includes('# Source'), 'only the path of the comment is printed');
  });

  test('a rendering saved to a file, fixed with --fix: the findings left keep their source', { skip: noCorpus }, () => {
    const cwd = tempWorkspace({ 'rendered/grafana.yaml': grafana() });
    const run = runJson(['--fix', 'rendered'], { cwd });
    const findings = run.json.findings as Sourced[];
    assert.ok(readFileSync(join(cwd, 'rendered/grafana.yaml'), 'utf8') !== grafana(), 'the file was fixed');
    assert.ok(findings.length > 0);
    for (const f of findings.filter((f) => f.resource.kind === 'Deployment')) assert.equal(f.source, 'grafana/templates/deployment.yaml');
  });

  test('SARIF: the template is a related location; text: "(from …)" after the resource', { skip: noCorpus }, () => {
    const cwd = tempWorkspace();
    const sarif = JSON.parse(runCli(['check', '--format', 'sarif', '-'], { cwd, input: grafana() }).stdout);
    const results = sarif.runs[0].results as Array<{ locations: unknown[]; relatedLocations?: unknown[]; logicalLocations?: unknown }>;
    assert.ok(results.length > 0);
    assert.deepEqual(results[0].relatedLocations, [
      { id: 0, message: { text: 'rendered from this chart template' }, physicalLocation: { artifactLocation: { uri: 'grafana/templates/deployment.yaml' } } },
    ]);
    const text = runCli(['check', '-'], { cwd, input: grafana(), env: { NO_COLOR: '1' } }).stdout;
    const lines = text.split('\n').filter((l) => l.startsWith('<stdin>:'));
    assert.ok(lines.length > 0);
    for (const line of lines) assert.match(line, / \[Deployment\/grafana\] \(from grafana\/templates\/deployment\.yaml\)$/);
  });

  test('without a source every format is what it was: only the source parts differ', { skip: noCorpus }, () => {
    const cwd = tempWorkspace();
    const plain = (args: string[], input: string) => runCli(['check', ...args, '-'], { cwd, input, env: { NO_COLOR: '1' } }).stdout;
    // Text: the same lines once the "(from …)" is taken off.
    assert.equal(plain([], unsourced()), plain([], grafana()).replace(/ \(from [^)\n]+\)$/gm, ''));
    assert.ok(!plain([], unsourced()).includes('(from '));
    // JSON and SARIF byte for byte, once the source fields are taken off the sourced report.
    const json = JSON.parse(plain(['--format', 'json'], grafana()));
    for (const f of json.findings) delete f.source;
    assert.equal(plain(['--format', 'json'], unsourced()), JSON.stringify(json, null, 2) + '\n');
    const sarif = JSON.parse(plain(['--format', 'sarif'], grafana()));
    for (const r of sarif.runs[0].results) delete r.relatedLocations;
    assert.equal(plain(['--format', 'sarif'], unsourced()), JSON.stringify(sarif, null, 2) + '\n');
  });

  test('a real kubectl kustomize build with origin annotations, piped to check -', { skip: kubectlMissing('the real kustomize test is skipped') }, () => {
    const cwd = tempWorkspace({
      'base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
      'base/deployment.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  selector:',
        '    matchLabels: {app: web}',
        '  template:',
        '    metadata:',
        '      labels: {app: web}',
        '    spec:',
        '      containers:',
        '      - name: app',
        '        image: nginx:1.27',
        '',
      ].join('\n'),
      'overlays/prod/kustomization.yaml': [
        'resources:',
        '- ../../base',
        'namePrefix: prod-',
        'buildMetadata: [originAnnotations]',
        'patches:',
        '- path: privileged.yaml',
        'configMapGenerator:',
        '- name: settings',
        '  literals: [mode=prod]',
        '',
      ].join('\n'),
      'overlays/prod/privileged.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: app',
        '        securityContext:',
        '          privileged: true',
        '',
      ].join('\n'),
    });
    const build = spawnSync('kubectl', ['kustomize', 'overlays/prod'], { cwd, encoding: 'utf8', timeout: 60_000 });
    assert.equal(build.status, 0, build.stderr);
    const run = runJson(['-'], { cwd, input: build.stdout });
    const findings = run.json.findings as Sourced[];
    const privileged = findings.find((f) => f.ruleId === 'privileged-container');
    assert.ok(privileged, 'the patched-in privileged: true is found in the rendering');
    assert.equal(privileged.file, '<stdin>');
    assert.equal(privileged.resource.name, 'prod-web');
    // Kustomize records where the resource was read, not which patch changed it.
    assert.equal(privileged.source, '../../base/deployment.yaml');
    for (const f of findings) assert.equal(f.source, f.resource.kind === 'ConfigMap' ? 'kustomization.yaml' : '../../base/deployment.yaml');
    const text = runCli(['check', '-'], { cwd, input: build.stdout, env: { NO_COLOR: '1' } }).stdout;
    assert.match(text, /privileged-container .* \[Deployment\/prod-web\] \(from \.\.\/\.\.\/base\/deployment\.yaml\)$/m);
    const sarif = JSON.parse(runCli(['check', '--format', 'sarif', '-'], { cwd, input: build.stdout }).stdout);
    const related = sarif.runs[0].results.map((r: { relatedLocations: Array<{ message: { text: string } }> }) => r.relatedLocations[0].message.text);
    assert.ok(related.length > 0 && related.every((t: string) => t === 'rendered by Kustomize from this file'));
  });
});
