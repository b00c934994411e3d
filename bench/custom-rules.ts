// The cost of custom rules (CEL) per keystroke: 50 rules over the 1,000-line manifest, through the
// server's incremental analysis (only the YAML document typed into is linted again), with and without
// the rules, in alternating order; the overhead is the median of the per-run differences. Also the
// cost of linting the whole file with the 50 rules alone (the first check of a file), and of
// compiling them (once per expression text: a cache hit afterwards). The manifest complies with the
// rules: a finding costs the same whichever rule reports it (the analysis copies and sorts the
// findings of every document at each keystroke), and 50 rules failing on 44 resources would measure
// 2,000 findings, not CEL.
// Run: npx tsx bench/custom-rules.ts [runs]

import { CustomRuleConfig, extractText, mergeConfig, parseManifest, lint, WorkspaceModel } from '../server/src/engine';
import { DocumentAnalyzer } from '../server/src/lsp/analysis';
import { rules, rulesFor, workspaceExtractors } from '../rules';
import { customRule } from '../rules/policy/custom-rules';
import { manifest } from './manifests';
import { median, pairedRuns } from './stats';

const templates = [
  (i: number) => `!has(object.metadata.labels) || !('legacy-${i}' in object.metadata.labels)`,
  (i: number) => `!has(object.spec.template) || object.spec.template.spec.containers.all(c, c.image.startsWith('registry.example.com/') || c.name == 'x${i}')`,
  (i: number) => `!has(object.spec.replicas) || object.spec.replicas <= ${i + 3}`,
  (i: number) => `!has(object.spec.type) || object.spec.type != 'NodePort${i}'`,
  (i: number) => `object.metadata.name.size() < ${60 + i} && !object.metadata.name.contains('tmp${i}')`,
];

export function customRuleConfigs(count: number): CustomRuleConfig[] {
  return Array.from({ length: count }, (_, i) => ({ id: `custom-${i}`, expression: templates[i % templates.length](i), message: `custom rule ${i}` }));
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

export function customRulesBench(runs: number): void {
  const text = manifest(1000);
  const customRules = customRuleConfigs(50);
  const started = performance.now();
  for (const spec of customRules) customRule(spec);
  const compileMs = performance.now() - started;
  const plainConfig = mergeConfig();
  const config = mergeConfig({ customRules });
  const withRules = rulesFor(config);
  const custom = withRules.filter((r) => r.meta.category === 'policy');
  const analyzers = { with: new DocumentAnalyzer(), without: new DocumentAnalyzer() };
  const model = new WorkspaceModel(workspaceExtractors());
  model.set(extractText('/ws/a.yaml', text, model.extractorList));
  const analyze = (which: 'with' | 'without', version: string) => {
    const t = performance.now();
    const options = which === 'with' ? { config, rules: withRules, key: 'with' } : { config: plainConfig, rules, key: 'without' };
    analyzers[which].analyze(version, { ...options, model, file: `/ws/${which}.yaml`, shared: false });
    return performance.now() - t;
  };
  const at = text.indexOf('replicas: ', text.length / 2);
  const version = (r: number) => text.slice(0, at) + (r % 2 ? 'replicas: 3' : 'replicas: 2') + text.slice(at + 'replicas: 2'.length);
  const { with: withTimes, without: withoutTimes, diff } = pairedRuns(runs, (which, r) => analyze(which, version(r)));
  const file = parseManifest(text);
  const whole: number[] = [];
  for (let r = 0; r < Math.max(11, Math.floor(runs / 4)); r++) {
    const t = performance.now();
    lint(file, { config, rules: custom });
    whole.push(performance.now() - t);
  }
  // The part a keystroke adds, measured alone: the 50 rules on the one resource typed into (the
  // Deployment half-way down), its CEL data converted anew each time as after an edit.
  const holds = (d: { doc: { contents: { range?: number[] } | null } }) => (d.doc.contents?.range?.[0] ?? Infinity) <= at && at < (d.doc.contents?.range?.[2] ?? -1);
  const view = model.view('/ws/a.yaml');
  const alone: number[] = [];
  for (let r = 0; r < runs; r++) {
    const fresh = parseManifest(version(r));
    const doc = { ...fresh, documents: fresh.documents.filter(holds) };
    const t = performance.now();
    lint(doc, { config, rules: custom, workspace: view });
    alone.push(performance.now() - t);
  }
  const resources = (text.match(/^kind: /gm) ?? []).length;
  console.log(`\nCustom rules: 50 CEL rules over a ${text.split('\n').length}-line manifest (${resources} resources), median of ${runs}:`);
  console.log(`| keystroke without | keystroke with | added (median of differences) | the 50 rules on the resource typed into | the 50 rules over the whole file | compiling the 50 (once) |`);
  console.log('|---|---|---|---|---|---|');
  console.log(`| ${ms(median(withoutTimes))} | ${ms(median(withTimes))} | ${ms(median(diff))} | ${ms(median(alone))} | ${ms(median(whole))} | ${ms(compileMs)} |`);
}

if (require.main === module) customRulesBench(Number(process.argv[2] ?? 101));
