// Fixes and "Harden" on the upstream fixtures: every safe fix on every restricted v1.37 failure
// re-parses, removes its finding, is stable, and changes only its own edits; Harden leaves nothing
// but the named cannot-fix cases on every fixture of every version.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, check, Finding, fixAll, harden, mergeConfig, parseManifest } from '../../server/src/engine';
import { rules as catalog, rulesById } from '../../rules';
import { fixtures } from '../helpers/pss-fixtures';

/** The Pod Security rules: other families (network, secrets) are not what these fixtures test. */
const rules = catalog.filter((r) => r.meta.pss);

const all = fixtures();
const config = mergeConfig({ kubernetesVersion: '1.37', podSecurityLevel: 'restricted' });
const lint = (text: string) => check(text, { config, rules }).findings;
const same = (a: Finding, b: Finding) => a.ruleId === b.ruleId && a.message === b.message;

describe('safe fixes on restricted v1.37 failures', () => {
  const failing = all.filter((f) => f.level === 'restricted' && f.minor === 37 && f.expect === 'fail');

  test('every safe fix re-parses, removes its finding, is stable and minimal', () => {
    assert.ok(failing.length > 60);
    const problems: string[] = [];
    let fixesTried = 0;
    for (const fixture of failing) {
      const name = fixture.file.replace(/.*fail\//, '');
      const findings = lint(fixture.text);
      for (const finding of findings.filter((f) => f.fix)) {
        fixesTried++;
        const edits = finding.fix!.apply(parseManifest(fixture.text));
        const output = applyEdits(fixture.text, edits);
        const label = `${name} ${finding.ruleId} "${finding.message}"`;
        if (parseManifest(output).problems.length) problems.push(`${label}: output does not parse`);
        const after = lint(output);
        if (after.some((f) => same(f, finding))) problems.push(`${label}: still reported after its fix`);
        // Nothing outside the edits changed: every other line of the input is still in the output, in order.
        const kept = fixture.text.split('\n').filter((_, i) => !touches(fixture.text, edits, i));
        let cursor = 0;
        const outLines = output.split('\n');
        for (const line of kept) {
          const at = outLines.indexOf(line, cursor);
          if (at < 0) {
            problems.push(`${label}: line "${line}" lost`);
            break;
          }
          cursor = at + 1;
        }
      }
      // Fixing a rule twice changes nothing the second time.
      for (const ruleId of new Set(findings.filter((f) => f.fix).map((f) => f.ruleId))) {
        const only = { config, rules: [rulesById.get(ruleId)!] };
        const once = fixAll(fixture.text, only).text;
        if (fixAll(once, only).text !== once) problems.push(`${name} ${ruleId}: fixing twice changed the text`);
      }
    }
    assert.ok(fixesTried > 50, `only ${fixesTried} fixes tried`);
    assert.deepEqual(problems, []);
  });
});

/** True when line `index` of `text` overlaps one of the edits. */
function touches(text: string, edits: { offset: number; length: number }[], index: number): boolean {
  let start = 0;
  for (let i = 0; i < index; i++) start = text.indexOf('\n', start) + 1;
  const end = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
  return edits.some((e) => e.offset <= end && e.offset + e.length >= start);
}

describe('Harden on every fixture', () => {
  test('leaves no restricted finding but the named cannot-fix cases, at every version', () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    let hardened = 0;
    for (const fixture of all) {
      const key = `${fixture.minor}\n${fixture.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const target = mergeConfig({ kubernetesVersion: `1.${fixture.minor}`, podSecurityLevel: 'restricted' });
      const result = harden(fixture.text, { config: target, rules });
      hardened++;
      const name = fixture.file.replace(/.*admission\//, '');
      if (parseManifest(result.text).problems.length) problems.push(`${name}: output does not parse`);
      // What is left must be exactly what has no safe fix, and it must be named.
      // Harden aims at Pod Security; findings of other categories (network, secrets) are not its business.
      const left = check(result.text, { config: target, rules }).findings.filter((f) => f.pss !== null);
      for (const f of left) {
        if (rulesById.get(f.ruleId)!.meta.fix === 'safe') problems.push(`${name}: ${f.ruleId} "${f.message}" left although its fix is safe`);
        if (!result.cannotFix.some((c) => same(c, f))) problems.push(`${name}: ${f.ruleId} left but not named`);
      }
      if (harden(result.text, { config: target, rules }).text !== result.text) problems.push(`${name}: hardening twice changed the text`);
    }
    assert.ok(hardened > 1000);
    assert.deepEqual(problems.slice(0, 30), [], `${problems.length} problems`);
  });
});
