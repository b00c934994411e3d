// Conformance with Pod Security Admission: every upstream fixture of every version 1.0–1.37 and both
// levels, as a Pod and wrapped in every controller kind. A `fail/` fixture must yield a finding of its
// check (or of the restricted check that replaces it); a `pass/` fixture must yield none at its level.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { check, isMap, mergeConfig, nodeAt, resourcesOf } from '../../server/src/engine';
import { rules as catalog } from '../../rules';
import { Fixture, fixtures, reportingCheck } from '../helpers/pss-fixtures';

/** The Pod Security rules: other families (network, secrets) are not what these fixtures test. */
const rules = catalog.filter((r) => r.meta.pss);

const all = fixtures();

/** Wraps a Pod's metadata and spec into a controller's pod template. */
const wrappers: Record<string, (pod: { metadata: unknown; spec: unknown }) => unknown> = {
  Deployment: (pod) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'wrapped' }, spec: { selector: {}, template: pod } }),
  StatefulSet: (pod) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'wrapped' }, spec: { serviceName: 'x', template: pod } }),
  DaemonSet: (pod) => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'wrapped' }, spec: { template: pod } }),
  Job: (pod) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'wrapped' }, spec: { template: pod } }),
  CronJob: (pod) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'wrapped' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: pod } } } }),
  ReplicationController: (pod) => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'wrapped' }, spec: { template: pod } }),
};

const templatePath: Record<string, string[]> = {
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

function failures(fixture: Fixture, text: string, kind: string): string | undefined {
  const config = mergeConfig({ kubernetesVersion: `1.${fixture.minor}`, podSecurityLevel: fixture.level });
  const result = check(text, { config, rules, onRuleError: (id, e) => assert.fail(`${id} threw ${String(e)}`) });
  const where = `${fixture.file.replace(/.*pod-security-admission\//, '')} as ${kind}`;
  if (fixture.expect === 'pass') {
    if (result.findings.length === 0) return undefined;
    return `${where}: unexpected ${result.findings.map((f) => `${f.pss?.check} (${f.message})`).join('; ')}`;
  }
  const want = reportingCheck(fixture.check, fixture.level, fixture.minor);
  const hits = result.findings.filter((f) => f.pss?.check === want);
  if (hits.length === 0) return `${where}: expected ${want}, got [${result.findings.map((f) => f.pss?.check).join(', ')}]`;
  if (kind !== 'Pod') {
    // Findings must point into the pod template, not at the wrapper.
    const resource = resourcesOf(result.file)[0];
    const template = nodeAt(resource.doc, resource.root, templatePath[kind] ?? ['spec', 'template']);
    const [start, end] = isMap(template) ? [template.range![0], template.range![2]] : [0, 0];
    const outside = hits.filter((f) => f.offset < start || f.offset + f.length > end);
    if (outside.length === hits.length) return `${where}: findings of ${want} point outside the template`;
  }
  return undefined;
}

describe('Pod Security Admission fixtures', () => {
  test('all fixtures are present', () => {
    assert.ok(all.length > 4000, `only ${all.length} fixtures found`);
    const versions = new Set(all.map((f) => f.minor));
    for (let minor = 0; minor <= 37; minor++) assert.ok(versions.has(minor), `v1.${minor} missing`);
  });

  for (const level of ['baseline', 'restricted'] as const) {
    for (const kind of ['Pod', ...Object.keys(wrappers)]) {
      test(`${level}, every version, as ${kind}`, () => {
        const problems: string[] = [];
        for (const fixture of all.filter((f) => f.level === level)) {
          let text = fixture.text;
          if (kind !== 'Pod') {
            const pod = parse(fixture.text) as { metadata: unknown; spec: unknown };
            text = stringify(wrappers[kind]({ metadata: pod.metadata, spec: pod.spec }));
          }
          const problem = failures(fixture, text, kind);
          if (problem) problems.push(problem);
        }
        assert.deepEqual(problems.slice(0, 20), [], `${problems.length} fixtures disagree with Pod Security Admission`);
      });
    }
  }
});
