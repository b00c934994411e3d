// Findings of a chart's rendering mapped back to the chart: a recorded `helm template` of the fixture
// chart (literal keys, `.Values` references, `toYaml` blocks, a `-f` file over values.yaml, `with`
// blocks, a subchart), and the Istio addons rendered by Helm, each document used as its own template.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyEdits, check, defaultConfig, leadingComments } from '../../server/src/engine';
import { mapChartFindings, rules, valuesFix } from '../../rules';
import { templateKeys } from '../../rules/helm/template-keys';
import { chartFiles, chartRendering } from '../helpers/helm-fixture';

// The runtime and images rules (which flag most fixtures' unpinned images and unset resources) are left
// out: this test is about the engine, and their findings would only lengthen every expected list.
const documentRules = rules.filter((r) => r.meta.scope !== 'workspace' && r.meta.category !== 'runtime' && r.meta.category !== 'images');
const corpus = resolve(__dirname, '../../../shared/reference/corpus');

interface Row {
  rule: string;
  file: string;
  line: number;
  text: string;
}

/** Maps the findings of `rendering` over the chart `files` (paths under `web/`) and says where each landed. */
function mapped(rendering: string, files: Record<string, string>, valuesFiles: string[] = []): Row[] {
  const checked = check(rendering, { config: defaultConfig, rules: documentRules });
  const values = ['web/values.yaml', ...valuesFiles].filter((p) => files[p] !== undefined).map((path) => ({ path, text: files[path] }));
  return mapChartFindings(checked.file, checked.findings, { template: (p) => files[`web/${p}`], values }).map(({ finding, at }) => {
    const text = at.kind === 'values' ? files[at.file] : files[`web/${at.file}`];
    return { rule: finding.ruleId, file: at.kind === 'values' ? at.file : `web/${at.file}`, line: text.slice(0, at.offset).split('\n').length, text: text.slice(at.offset, at.offset + at.length) };
  });
}

const sorted = (rows: Row[]) => [...rows].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));

describe('chart findings mapped to templates and values', () => {
  test('the recorded rendering of the fixture chart', () => {
    assert.deepEqual(sorted(mapped(chartRendering, chartFiles)), [
      // Literal keys and values of the template: exactly there.
      { rule: 'restricted-capabilities', file: 'web/templates/deployment.yaml', line: 26, text: 'capabilities' },
      { rule: 'restricted-capabilities', file: 'web/templates/deployment.yaml', line: 27, text: '"NET_ADMIN"' },
      // `securityContext:` + `toYaml .Values.podSecurityContext`: the value that values.yaml sets.
      { rule: 'run-as-user', file: 'web/values.yaml', line: 9, text: '0' },
      // Fields the container lacks are reported on its securityContext, which values.yaml writes: the fix goes there.
      { rule: 'restricted-seccomp-profile', file: 'web/values.yaml', line: 12, text: 'securityContext' },
      { rule: 'run-as-non-root', file: 'web/values.yaml', line: 12, text: 'securityContext' },
      { rule: 'allow-privilege-escalation', file: 'web/values.yaml', line: 13, text: 'true' },
    ]);
  });

  test('a -f file that sets the key wins over values.yaml; a key it does not set stays in values.yaml', () => {
    const files = { ...chartFiles, 'prod.yaml': 'podSecurityContext:\n  runAsUser: 0\n' };
    const rows = mapped(chartRendering, files, ['prod.yaml']);
    assert.deepEqual(
      rows.filter((r) => r.rule === 'run-as-user'),
      [{ rule: 'run-as-user', file: 'prod.yaml', line: 2, text: '0' }],
    );
    assert.deepEqual(
      rows.filter((r) => r.rule === 'allow-privilege-escalation'),
      [{ rule: 'allow-privilege-escalation', file: 'web/values.yaml', line: 13, text: 'true' }],
    );
  });

  test('a scalar from `{{ .Values.a.b }}` lands on a.b; a `toYaml .` inside `with .Values.x` on x', () => {
    const files: Record<string, string> = {
      'web/values.yaml': 'pod:\n  hostNetwork: true\ncontainerSecurity:\n  privileged: true\n',
      'web/templates/pod.yaml': [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: {{ .Release.Name }}',
        'spec:',
        '  hostNetwork: {{ .Values.pod.hostNetwork }}',
        '  containers:',
        '  - name: app',
        '    image: nginx',
        '    {{- with .Values.containerSecurity }}',
        '    securityContext:',
        '      {{- toYaml . | nindent 6 }}',
        '    {{- end }}',
        '',
      ].join('\n'),
    };
    const rendering = [
      '---',
      '# Source: web/templates/pod.yaml',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  hostNetwork: true',
      '  containers:',
      '  - name: app',
      '    image: nginx',
      '    securityContext:',
      '      privileged: true',
      '',
    ].join('\n');
    const rows = mapped(rendering, files);
    assert.deepEqual(
      rows.filter((r) => r.rule === 'host-namespaces' || r.rule === 'privileged-container'),
      [
        { rule: 'host-namespaces', file: 'web/values.yaml', line: 2, text: 'true' },
        { rule: 'privileged-container', file: 'web/values.yaml', line: 4, text: 'true' },
      ],
    );
    // The rest (no seccomp profile, may run as root …) are on the container's securityContext, which
    // `with .Values.containerSecurity` writes: the values key where the missing fields go.
    for (const row of rows.filter((r) => r.rule !== 'host-namespaces' && r.rule !== 'privileged-container'))
      assert.deepEqual([row.file, row.line, row.text], ['web/values.yaml', 3, 'containerSecurity'], row.rule);
  });

  test('a key that a template writes through an include lands on its first line; a value the values files lack on the nearest key they set', () => {
    const files: Record<string, string> = {
      'web/values.yaml': 'securityContext: {}\n',
      'web/templates/pod.yaml': [
        '# A pod.',
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: x',
        'spec:',
        '  {{- include "web.hostBits" . | nindent 2 }}',
        '  containers:',
        '  - name: app',
        '    image: nginx',
        '    securityContext:',
        '      {{- toYaml .Values.securityContext | nindent 6 }}',
        '',
      ].join('\n'),
    };
    const rendering =
      '---\n# Source: web/templates/pod.yaml\n# A pod.\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  hostPID: true\n  containers:\n  - name: app\n    image: nginx\n    securityContext:\n      allowPrivilegeEscalation: true\n';
    const rows = mapped(rendering, files);
    assert.deepEqual(
      rows.filter((r) => r.rule === 'host-namespaces'),
      [{ rule: 'host-namespaces', file: 'web/templates/pod.yaml', line: 2, text: 'apiVersion: v1' }],
    );
    assert.deepEqual(
      rows.filter((r) => r.rule === 'allow-privilege-escalation'),
      [{ rule: 'allow-privilege-escalation', file: 'web/values.yaml', line: 1, text: 'securityContext' }],
    );
  });

  test("a subchart's template is mapped to itself, never to the parent's values", () => {
    const files: Record<string, string> = {
      'web/values.yaml': 'securityContext:\n  privileged: true\n',
      'web/charts/db/templates/pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n    - name: db\n      image: postgres\n      securityContext:\n        {{- toYaml .Values.securityContext | nindent 8 }}\n',
    };
    const rendering =
      '---\n# Source: web/charts/db/templates/pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  containers:\n    - name: db\n      image: postgres\n      securityContext:\n        privileged: true\n';
    const rows = mapped(rendering, files);
    assert.deepEqual(
      rows.filter((r) => r.rule === 'privileged-container'),
      [{ rule: 'privileged-container', file: 'web/charts/db/templates/pod.yaml', line: 1, text: 'apiVersion: v1' }],
    );
  });

  test('documents without a Source comment or whose template cannot be read are left out', () => {
    const rendering =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n    image: a\n---\n# Source: web/templates/gone.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  containers:\n  - name: b\n    image: b\n';
    assert.deepEqual(mapped(rendering, { 'web/values.yaml': '{}\n' }), []);
  });
});

describe('template keys', () => {
  test('paths by indentation, items at their parent indentation or deeper, action lines skipped', () => {
    const keys = templateKeys('spec:\n  containers:\n  - name: a\n    ports:\n      - containerPort: 1\n  {{- if .Values.x }}\n  volumes: []\n  {{- end }}\n').keys;
    assert.deepEqual(
      keys.map((k) => k.path.join('.')),
      ['spec', 'spec.containers', 'spec.containers.name', 'spec.containers.ports', 'spec.containers.ports.containerPort', 'spec.volumes'],
    );
  });

  test('the text of a block scalar holds no keys', () => {
    const keys = templateKeys('data:\n  app.yaml: |\n    securityContext:\n      privileged: true\n  other: x\n').keys;
    assert.deepEqual(
      keys.map((k) => k.path.join('/')),
      ['data', 'data/app.yaml', 'data/other'],
    );
  });

  test('a block with two toYaml actions belongs to no single values key', () => {
    const [key] = templateKeys('securityContext:\n  {{- toYaml .Values.a | nindent 2 }}\n  {{- toYaml .Values.b | nindent 2 }}\n').keys;
    assert.equal(key.blockRef, undefined);
    const [one] = templateKeys('securityContext:\n  {{- toYaml .Values.a.b | nindent 2 }}\n').keys;
    assert.deepEqual(one.blockRef, ['a', 'b']);
  });
});

describe('real renderings: the Istio addons', () => {
  // Kiali's addon is hardened: no findings to map.
  for (const name of ['istio__addons-grafana.yaml', 'istio__addons-prometheus.yaml']) {
    test(`${name}: each document as its own template, every finding lands on its own text`, () => {
      const text = readFileSync(resolve(corpus, name), 'utf8');
      const checked = check(text, { config: defaultConfig, rules: documentRules });
      // Each template is the first document rendered from it, comments and all: its keys are all literal.
      const templates = new Map<string, { text: string; index: number }>();
      checked.file.documents.forEach((d, index) => {
        const source = leadingComments(checked.file, index)
          .map((c) => /^Source: [^/]+\/(.+)$/.exec(c.text)?.[1])
          .find((p) => p !== undefined);
        const range = d.doc.range;
        if (source && !templates.has(source)) templates.set(source, { text: text.slice(range[0], range[2]), index });
      });
      assert.ok(templates.size > 0, 'the rendering names its templates');
      const first = new Set([...templates.values()].map((t) => t.index));
      const findings = checked.findings.filter((f) => first.has(f.documentIndex));
      assert.ok(findings.length > 0, 'the addon has findings to map');
      const located = mapChartFindings(checked.file, findings, { template: (p) => templates.get(p)?.text, values: [] });
      assert.equal(located.length, findings.length);
      for (const { finding, at } of located) {
        const template = templates.get(at.file)!.text;
        const rendered = text.slice(finding.offset, finding.offset + finding.length);
        assert.equal(at.kind, 'template');
        assert.equal(template.slice(at.offset, at.offset + at.length), rendered, `${finding.ruleId} at ${finding.offset}`);
      }
    });
  }
});

describe('fixes carried to the values file', () => {
  const checked = check(chartRendering, { config: defaultConfig, rules: documentRules });
  const template = chartFiles['web/templates/deployment.yaml'];
  const fixOf = (ruleId: string, values: Array<{ path: string; text: string }>) => {
    const finding = checked.findings.find((f) => f.ruleId === ruleId)!;
    return valuesFix(checked.file, finding, template, { values });
  };
  const chartValues = [{ path: 'values.yaml', text: chartFiles['web/values.yaml'] }];

  test("a value a toYaml block writes is set in that block of values.yaml, with the helper's own edit", () => {
    const fix = fixOf('allow-privilege-escalation', chartValues)!;
    assert.equal(fix.file, 'values.yaml');
    assert.match(fix.title, / in values\.yaml$/);
    const fixed = applyEdits(chartValues[0].text, fix.edits);
    assert.match(fixed, /^securityContext:\n {2}allowPrivilegeEscalation: false\n {2}readOnlyRootFilesystem: true\n/m);
    assert.equal(fixed.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true'), chartValues[0].text);
  });

  test('a key the fix adds goes into the values block that feeds it, even when the finding is on the template', () => {
    const fix = fixOf('restricted-seccomp-profile', chartValues)!;
    assert.equal(applyEdits(chartValues[0].text, fix.edits).split('\n').slice(7, 12).join('\n'), 'podSecurityContext:\n  runAsUser: 0\n  fsGroup: 2000\n  seccompProfile:\n    type: RuntimeDefault');
  });

  test('the -f file that sets the block gets the fix', () => {
    const values = [...chartValues, { path: 'prod.yaml', text: 'securityContext:\n  allowPrivilegeEscalation: true\n' }];
    const fix = fixOf('allow-privilege-escalation', values)!;
    assert.equal(fix.file, 'prod.yaml');
    assert.equal(applyEdits(values[1].text, fix.edits), 'securityContext:\n  allowPrivilegeEscalation: false\n');
  });

  test('no fix where the template writes what the fix changes, or where the fix removes', () => {
    // `capabilities:` is literal in the template: the fix belongs there, not in values.
    for (const finding of checked.findings.filter((f) => f.ruleId === 'restricted-capabilities')) assert.equal(valuesFix(checked.file, finding, template, { values: chartValues }), undefined);
    // Removing runAsUser: 0 is a removal.
    assert.equal(fixOf('run-as-user', chartValues), undefined);
  });
});
