// Catalog meta-test for compliance references: every rule names the CIS Kubernetes Benchmark
// recommendations and NSA/CISA guide sections it serves, or says 'none'; only ids the benchmark and
// the guide have; and each rule's doc page carries the line generated from its metadata.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { cisRecommendations, complianceIds, complianceShort, equivalentIds, nsaSections } from '../../server/src/engine';
import { rules } from '../../rules';
import { complianceDocLine, renderRuleDoc, ruleDocPath } from '../../scripts/gen-docs';

describe('compliance references', () => {
  test("every rule lists its CIS and NSA/CISA references, or says 'none' rather than an empty list", () => {
    for (const rule of rules) {
      const refs = rule.meta.compliance;
      assert.ok(refs !== undefined, `${rule.id}: no compliance metadata`);
      if (refs === 'none') continue;
      assert.ok((refs.cis?.length ?? 0) + (refs.nsa?.length ?? 0) > 0, `${rule.id}: say 'none' rather than an empty object`);
      for (const key of Object.keys(refs)) assert.ok(['cis', 'nsa'].includes(key), `${rule.id}: unknown framework ${key}`);
      for (const id of refs.cis ?? []) assert.ok(id in cisRecommendations, `${rule.id}: CIS ${id} is not a known recommendation`);
      for (const section of refs.nsa ?? []) assert.ok(section in nsaSections, `${rule.id}: NSA/CISA section ${section} is unknown`);
      assert.equal(new Set(refs.cis).size, refs.cis?.length ?? 0, `${rule.id}: a CIS id twice`);
    }
  });

  test('the Pod Security rules of the CIS 5.2 controls point at them', () => {
    const cis = (id: string) => {
      const refs = rules.find((r) => r.id === id)!.meta.compliance;
      return refs === 'none' ? [] : [...(refs.cis ?? [])];
    };
    // Spot checks against the benchmark's own wording (5.2.2 privileged, 5.2.6 allowPrivilegeEscalation, 5.2.13 HostPorts).
    assert.deepEqual(cis('privileged-container'), ['5.2.2']);
    assert.deepEqual(cis('host-namespaces'), ['5.2.3', '5.2.4', '5.2.5']);
    assert.deepEqual(cis('allow-privilege-escalation'), ['5.2.6']);
    assert.deepEqual(cis('host-ports'), ['5.2.13']);
    assert.deepEqual(cis('windows-host-process'), ['5.2.11']);
    // Every CIS recommendation the table knows is used by some rule: no dead entries.
    const used = new Set(rules.flatMap((r) => (r.meta.compliance === 'none' ? [] : (r.meta.compliance.cis ?? []))));
    assert.deepEqual(
      Object.keys(cisRecommendations).filter((id) => !used.has(id as keyof typeof cisRecommendations)),
      [],
    );
  });

  test('each rule doc page has its generated compliance line', () => {
    for (const rule of rules) {
      const text = readFileSync(ruleDocPath(rule), 'utf8');
      assert.ok(text.split('\n').includes(complianceDocLine(rule)), `${rule.id}: the compliance line is stale, run \`npm run docs\``);
      assert.equal(renderRuleDoc(text, rule), text, `${rule.id}: doc page is stale, run \`npm run docs\``);
    }
  });

  test('renderRuleDoc inserts the line after the title sentence once, and replaces it after', () => {
    const rule = rules.find((r) => r.id === 'privileged-container')!;
    const page = '# privileged-container\n\nContainers must not be privileged.\n\n## Why\n\nBecause.\n';
    const once = renderRuleDoc(page, rule);
    assert.equal(once, `# privileged-container\n\nContainers must not be privileged.\n\n${complianceDocLine(rule)}\n\n## Why\n\nBecause.\n`);
    assert.equal(renderRuleDoc(once, rule), once);
    assert.equal(renderRuleDoc(once.replace('5.2.2 (', '5.9.9 ('), rule), once);
  });

  test('ids for the reports: CIS ids, guide sections, peer ids in their own form', () => {
    assert.deepEqual(complianceIds({ cis: ['5.2.2'], nsa: ['pod-security'] }), ['CIS 5.2.2', 'NSA-CISA Kubernetes Pod security: Pod security enforcement']);
    assert.deepEqual(complianceIds('none'), []);
    assert.equal(complianceShort({ cis: ['5.2.3', '5.2.4'], nsa: ['network-policies'] }), 'CIS 5.2.3, 5.2.4; NSA-CISA Network policies');
    assert.deepEqual(equivalentIds({ trivy: ['KSV-0017'], kubeLinter: ['privileged-container'], polaris: ['runAsPrivileged'] }), [
      'KSV-0017',
      'kube-linter:privileged-container',
      'polaris:runAsPrivileged',
    ]);
    for (const rule of rules) for (const id of equivalentIds(rule.meta.equivalents)) assert.match(id, /^(KSV-\d{4}|CKV2?_K8S_\d+|kube-linter:[a-z-]+|polaris:[A-Za-z]+|C-\d{4})$/, rule.id);
  });
});
