// Catalog meta-tests: every rule's module, metadata, messages and documentation agree with each
// other, with the Pod Security Admission checks list, and with the engine's own behaviour on the
// examples of its doc page; docs/rules.md is the generator's output; every rule has a rule table.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { isMap, parseAllDocuments } from 'yaml';
import {
  check,
  Finding,
  isDocumentKind,
  loadConfigText,
  mergeConfig,
  parseManifest,
  PartialConfig,
  parseMinor,
  PodSecurityLevel,
  resourcesOf,
  ruleApplies,
  RuleDefinition,
} from '../../server/src/engine';
import { docPath, docsUrl, rules } from '../../rules';
import { viewOf, workspaceOf } from '../helpers/workspace';
import { packageJsonPath, renderPackageJson, renderRulesDoc, rulesDocPath } from '../../scripts/gen-docs';

const root = resolve(__dirname, '../..');
const rulesDir = join(root, 'rules');

// ---------------------------------------------------------------------------------------------
// Reading a rule's doc page: its title, its `##` sections in order, and the YAML of its examples.

interface RuleDoc {
  text: string;
  /** Lines outside fenced code blocks (YAML comments are not headings). */
  prose: string[];
  sections: Array<{ heading: string; body: string }>;
}

function stripFences(text: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (!fenced) out.push(line);
  }
  return out;
}

function readDoc(id: string): RuleDoc | undefined {
  const path = join(rulesDir, docPath(id));
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  const sections: RuleDoc['sections'] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = !fenced && /^## (.+)$/.exec(line);
    if (heading) sections.push({ heading: heading[1].trim(), body: '' });
    else if (sections.length) sections[sections.length - 1].body += `${line}\n`;
  }
  return { text, prose: stripFences(text), sections };
}

function section(doc: RuleDoc, heading: string): string {
  return doc.sections.find((s) => s.heading === heading)?.body ?? '';
}

/** The first ```yaml block after the `### <kind>` heading of the Examples section. */
function example(doc: RuleDoc, kind: 'Insecure' | 'Secure'): string | undefined {
  const match = new RegExp(`^### ${kind}\\s*\\n+\`\`\`ya?ml\\n([\\s\\S]*?)^\`\`\``, 'm').exec(section(doc, 'Examples'));
  return match?.[1];
}

/** The example with these annotations on every resource's own metadata (the one a finding is on may not be the first). */
function annotate(text: string, annotations: Record<string, string>): string {
  return parseAllDocuments(text)
    .map((doc) => {
      if (isMap(doc.contents) && doc.has('kind')) for (const [key, value] of Object.entries(annotations)) doc.setIn(['metadata', 'annotations', key], value);
      return doc.toString();
    })
    .join('---\n');
}

const expectedSections = ['Why', 'Pod Security Standards', 'Examples', 'Fix', 'Options'];

// ---------------------------------------------------------------------------------------------
// Linting a doc example where the rule is in force: restricted/latest when it runs there, else
// the level and version at which it does (baseline rules that restricted replaces, for example).

function targetFor(rule: RuleDefinition): { podSecurityLevel: PodSecurityLevel; kubernetesVersion: string } {
  const latest = 37;
  const candidates: Array<{ level: PodSecurityLevel; minor: number }> = [
    { level: 'restricted', minor: latest },
    { level: 'baseline', minor: latest },
  ];
  const first = parseMinor(rule.meta.pss?.versions[0]);
  if (rule.meta.pss && first !== undefined) candidates.push({ level: rule.meta.pss.level, minor: first });
  const target = candidates.find((t) => ruleApplies(rule, t, rules)) ?? candidates[0];
  return { podSecurityLevel: target.level, kubernetesVersion: `1.${target.minor}` };
}

/** The `.kube-harden.yaml` of a `### Configuration` block of the Examples section, for a rule that needs one (an allow-list). */
function exampleConfig(doc: RuleDoc | undefined): PartialConfig {
  const match = doc && /^### Configuration\s*\n+```ya?ml\n([\s\S]*?)^```/m.exec(section(doc, 'Examples'));
  return match ? loadConfigText(match[1]).config : {};
}

/**
 * The other files of the workspace that `### Workspace file \`path\`` blocks of the Examples section
 * give, for a rule that reads them (a profile file a manifest names), under `/ws/`.
 */
function exampleFiles(doc: RuleDoc | undefined): Record<string, string> | undefined {
  const blocks = doc ? [...section(doc, 'Examples').matchAll(/^### Workspace file `([^`]+)`\s*\n+```\w*\n([\s\S]*?)^```/gm)] : [];
  return blocks.length > 0 ? Object.fromEntries(blocks.map((m) => [`/ws/${m[1]}`, m[2]])) : undefined;
}

function lintExample(rule: RuleDefinition, text: string): { findings: Finding[]; problems: number } {
  // A rule that is off by default is switched on at its suggested severity for its own examples.
  const enable = rule.meta.enabledByDefault === false ? { rules: { [rule.id]: rule.meta.severity } } : {};
  const files = exampleFiles(readDoc(rule.id));
  const workspace = files ? viewOf(workspaceOf(files), '/ws/example.yaml', text) : undefined;
  const result = check(text, { config: mergeConfig(exampleConfig(readDoc(rule.id)), { ...targetFor(rule), ...enable }), rules, workspace });
  return { findings: result.findings, problems: result.problems.length };
}

// ---------------------------------------------------------------------------------------------
// The Pod Security Admission checks list, when the shared reference is present.

interface CheckInfo {
  id: string;
  level: 'baseline' | 'restricted';
  versions: string[];
  overrides: string[];
  overrides_from: string | null;
}

const checksPath = join(process.env.KUBE_HARDEN_PSA_FIXTURES ?? resolve(root, '../shared/reference/pod-security-admission'), 'checks.json');
const checks: CheckInfo[] | undefined = existsSync(checksPath) ? JSON.parse(readFileSync(checksPath, 'utf8')) : undefined;
const noChecks = checks ? false : `${checksPath} is not present`;

// ---------------------------------------------------------------------------------------------

const kebab = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const camel = /^[a-z][a-zA-Z0-9]*$/;
const placeholder = /\{(\w+)\}/g;
/** The data keys rules pass to their messages; a new one is fine, but add it here on purpose. */
const knownPlaceholders = new Set([
  'names',
  'suggestion',
  'count',
  'what',
  'missing',
  'action',
  'when',
  'container',
  'owner',
  'field',
  'capability',
  'profile',
  'volume',
  'type',
  'port',
  'handler',
  'host',
  'procMount',
  'value',
  'sysctl',
  'version',
  // API versions: the resource's, its replacement, and the Kubernetes versions that matter to it.
  ...['apiVersion', 'replacement', 'deprecated', 'removed', 'target'],
  // A pasted character by its code point.
  'character',
  'env',
  'kind',
  'key',
  'name',
  'where',
  'target',
  'apiVersion',
  // Istio: a policy's scope, an mTLS mode, the mode it weakens, where a mode comes from; a path or method.
  ...['level', 'mode', 'base', 'from', 'path', 'method', 'action', 'workload'],
  // Admission: a policy's name, a binding's actions, the parser's words, a PodSecurityPolicy's level and status.
  ...['policy', 'actions', 'message', 'status', 'beyond'],
  // What a workload's ServiceAccount may do, and the binding that grants it.
  ...['account', 'permission', 'binding'],
  // The runtime and images families: resources, host paths, addresses, images.
  ...['missing', 'danger', 'ips', 'label', 'image', 'registry'],
  // A vulnerability scan: its counts by severity, and the scanner and day it comes from.
  ...['counts', 'source'],
  // Policy as code: who refuses (a policy and its binding, a Kyverno rule), the expression and its error, why it is not evaluated offline.
  ...['who', 'expression', 'reason', 'why', 'more'],
]);
const fixKinds = ['safe', 'suggestion', 'none'];
const unnamedKinds = ['AdmissionConfiguration', 'PodSecurityConfiguration'];

function placeholders(template: string): string[] {
  return [...template.matchAll(placeholder)].map((m) => m[1]);
}

describe('catalog', () => {
  test('rule ids are unique', () => {
    const ids = rules.map((r) => r.id);
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
    );
  });

  test('every rule module of every family folder is in the catalog, and every doc page belongs to a rule of its family', () => {
    const byId = new Map(rules.map((r) => [r.id, r]));
    const families = readdirSync(rulesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    assert.deepEqual(
      readdirSync(rulesDir).filter((f) => f.endsWith('.ts')),
      ['index.ts'],
      'rules/ holds only the catalog and family folders',
    );
    for (const family of families) {
      const files = readdirSync(join(rulesDir, family));
      const modules = files.filter((f) => f.endsWith('.ts') && /export default defineRule/.test(readFileSync(join(rulesDir, family, f), 'utf8'))).map((f) => f.slice(0, -3));
      const docs = files.filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
      assert.deepEqual(
        modules.filter((m) => byId.get(m)?.meta.category !== family),
        [],
        `rule modules of ${family} missing from the catalog or of another category`,
      );
      assert.deepEqual(
        docs.filter((d) => byId.get(d)?.meta.category !== family),
        [],
        `doc pages of ${family} without a rule`,
      );
    }
    for (const rule of rules) assert.ok(families.includes(rule.meta.category), `${rule.id}: its category ${rule.meta.category} is not a family folder`);
  });

  test('each Pod Security Admission check has exactly one rule', { skip: noChecks }, () => {
    for (const c of checks!) {
      const owners = rules.filter((r) => r.meta.pss?.check === c.id).map((r) => r.id);
      assert.equal(owners.length, 1, `check ${c.id} is implemented by [${owners.join(', ')}]`);
    }
    assert.equal(rules.filter((r) => r.meta.pss).length, checks!.length);
  });

  test("every rule names its peer equivalents, in each peer's id format", () => {
    const formats: Record<string, RegExp> = { trivy: /^KSV-\d{4}$/, checkov: /^CKV2?_K8S_\d+$/, kubeLinter: /^[a-z][a-z-]+$/, polaris: /^[a-z][A-Za-z]+$/, kubescape: /^C-\d{4}$/ };
    for (const rule of rules) {
      const eq = rule.meta.equivalents;
      assert.ok(eq === 'none' || Object.keys(eq).length > 0, `${rule.id}: say 'none' rather than an empty object`);
      if (eq === 'none') continue;
      for (const [peer, ids] of Object.entries(eq)) {
        assert.ok(formats[peer], `${rule.id}: unknown peer ${peer}`);
        for (const id of ids as string[]) assert.match(id, formats[peer], `${rule.id}: ${peer} ${id}`);
      }
    }
  });

  test("each peer suppression annotation suppresses the rule naming that peer's check, on the rule's insecure example", () => {
    let checked = 0;
    for (const rule of rules) {
      const eq = rule.meta.equivalents;
      if (eq === 'none') continue;
      const doc = readDoc(rule.id);
      const text = doc && example(doc, 'Insecure');
      assert.ok(text, `${rule.id}: no insecure example`);
      const fires = (annotations: Record<string, string>) => lintExample(rule, annotate(text, annotations)).findings.some((f) => f.ruleId === rule.id);
      // Without it the example must fire even with an unrelated peer annotation, or suppression proves nothing.
      assert.ok(
        fires({ 'ignore-check.kube-linter.io/no-such-check': 'x', 'polaris.fairwinds.com/noSuchCheck-exempt': 'true', 'checkov.io/skip1': 'CKV_K8S_9999' }),
        `${rule.id}: the example does not fire`,
      );
      const annotations: Array<Record<string, string>> = [
        ...(eq.kubeLinter ?? []).map((id) => ({ [`ignore-check.kube-linter.io/${id}`]: 'reviewed' })),
        ...(eq.polaris ?? []).map((id) => ({ [`polaris.fairwinds.com/${id}-exempt`]: 'true' })),
        ...(eq.checkov ?? []).map((id) => ({ 'checkov.io/skip1': `${id}=reviewed` })),
      ];
      for (const a of annotations) {
        assert.equal(fires(a), false, `${rule.id}: ${JSON.stringify(a)} does not suppress it`);
        checked++;
      }
    }
    assert.ok(checked > 20, `only ${checked} peer annotations checked`);
  });

  test('docs/rules.md is up to date', () => {
    const actual = existsSync(rulesDocPath) ? readFileSync(rulesDocPath, 'utf8') : '';
    assert.ok(actual === renderRulesDoc(), 'docs/rules.md is stale: run `npm run docs` and commit the result');
  });

  test('the kubeHarden.rules setting of package.json is up to date', () => {
    const text = readFileSync(packageJsonPath, 'utf8');
    assert.ok(text === renderPackageJson(text), 'package.json is stale: run `npm run docs` and commit the result');
    const settings = JSON.parse(text).contributes.configuration.properties['kubeHarden.rules'].properties;
    assert.deepEqual(Object.keys(settings), [...rules.map((r) => r.id), 'yaml-syntax']);
  });

  test('renderRulesDoc is deterministic and links every rule', () => {
    const text = renderRulesDoc();
    assert.equal(text, renderRulesDoc());
    for (const rule of rules) assert.ok(text.includes(`[${rule.id}](../rules/${rule.meta.category}/${rule.id}.md)`), rule.id);
  });

  test('docsUrl points at the rule doc pages', () => {
    for (const rule of rules) assert.ok(docsUrl(rule.id).endsWith(`/rules/${rule.meta.category}/${rule.id}.md`), docsUrl(rule.id));
  });
});

for (const rule of rules) {
  describe(rule.id, () => {
    const doc = readDoc(rule.id);
    const meta = rule.meta;

    test('id is kebab-case and names its module, whose default export is this rule', () => {
      assert.match(rule.id, kebab);
      const file = join(rulesDir, rule.meta.category, `${rule.id}.ts`);
      assert.ok(existsSync(file), `rules/${rule.meta.category}/${rule.id}.ts is missing`);
      const mod = require(file) as { default?: RuleDefinition };
      assert.equal(mod.default?.id, rule.id);
      assert.equal(mod.default, rule);
    });

    test('metadata: title, description, severity, fix kind', () => {
      assert.ok(meta.title.length > 0 && !meta.title.endsWith('.'), 'a title has no trailing period');
      assert.match(meta.description, /\.$/, 'a description ends with a period');
      assert.ok(['error', 'warning', 'info', 'hint'].includes(meta.severity));
      assert.ok(fixKinds.includes(meta.fix), `fix kind ${meta.fix}`);
      if (meta.pss) {
        // Baseline findings are errors and restricted-only ones warnings by default.
        assert.equal(meta.severity, meta.pss.level === 'baseline' ? 'error' : 'warning');
      }
    });

    test('messages are single clauses with known placeholders', () => {
      assert.ok(Object.keys(meta.messages).length > 0);
      for (const [id, template] of Object.entries(meta.messages)) {
        assert.match(id, camel, `message id ${id}`);
        assert.ok(!/[.!?;]$/.test(template), `message ${id} must not end with punctuation: ${template}`);
        assert.ok(!/[.!?]\s+[A-Z]/.test(template) && !template.includes('\n'), `message ${id} must be one clause: ${template}`);
        assert.equal(template.replace(placeholder, '').search(/[{}]/), -1, `message ${id} has a stray brace: ${template}`);
        for (const name of placeholders(template)) assert.ok(knownPlaceholders.has(name), `message ${id} has an unknown placeholder {${name}}`);
      }
      for (const [id, title] of Object.entries(rule.fixTitles ?? {})) {
        assert.ok(id in meta.messages, `fix title for unknown message ${id}`);
        const available = new Set(placeholders((meta.messages as Record<string, string>)[id] ?? ''));
        for (const name of placeholders(title ?? '')) assert.ok(available.has(name), `fix title ${id} uses {${name}}, which its message does not`);
      }
    });

    test('Pod Security metadata matches the Pod Security Admission checks', { skip: !meta.pss ? 'not a Pod Security rule' : noChecks }, () => {
      const pss = meta.pss!;
      const info = checks!.find((c) => c.id === pss.check);
      assert.ok(info, `${pss.check} is not a Pod Security Admission check id`);
      assert.equal(pss.level, info.level);
      assert.deepEqual([...pss.versions], info.versions);
      assert.deepEqual(pss.overrides ? [pss.overrides.check] : [], info.overrides);
      assert.equal(pss.overrides?.from ?? null, info.overrides_from);
    });

    test('doc page has the title and the sections in order', () => {
      assert.ok(doc, `rules/${rule.id}.md is missing`);
      const lines = doc.text.split('\n');
      assert.equal(lines[0], `# ${rule.id}`, 'the first line is the title');
      const firstText = lines.slice(1).find((l) => l.trim() !== '');
      assert.equal(firstText, `${meta.title}.`, 'the title line is followed by the rule title as a sentence');
      // The Pod Security Standards section belongs to Pod Security rules only.
      assert.deepEqual(
        doc.sections.map((s) => s.heading),
        meta.pss ? expectedSections : expectedSections.filter((s) => s !== 'Pod Security Standards'),
      );
      const examples = section(doc, 'Examples');
      const insecure = examples.indexOf('### Insecure');
      const secure = examples.indexOf('### Secure');
      assert.ok(insecure >= 0 && secure > insecure, 'Examples has ### Insecure, then ### Secure');
    });

    test('doc page states the Pod Security facts of the rule', { skip: !meta.pss && 'not a Pod Security rule' }, () => {
      assert.ok(doc, `rules/${rule.id}.md is missing`);
      const pss = meta.pss!;
      const body = section(doc, 'Pod Security Standards');
      assert.ok(body.includes(`\`${pss.check}\``), `names the check \`${pss.check}\``);
      assert.ok(body.includes(`**${pss.level}**`), `names the level **${pss.level}**`);
      for (const version of pss.versions) assert.match(body, new RegExp(`(^|[^\\d.])${version.replace('.', '\\.')}(?![\\d])`), `mentions version ${version}`);
      if (pss.overrides) {
        assert.ok(body.includes(`\`${pss.overrides.check}\``), `names the replaced check \`${pss.overrides.check}\``);
        assert.ok(body.includes(pss.overrides.from), `names the version ${pss.overrides.from} of the replacement`);
      }
      assert.ok(section(doc, 'Why').includes('https://kubernetes.io/docs/concepts/security/pod-security-standards/'), 'Why links the Pod Security Standards');
    });

    test('doc page states the fix kind, severity and suppression of the rule', () => {
      assert.ok(doc, `rules/${rule.id}.md is missing`);
      const fix = /Fix kind: `(\w+)`/.exec(section(doc, 'Fix'));
      assert.equal(fix?.[1], meta.fix, 'the Fix section says "Fix kind: `<meta.fix>`"');
      const options = section(doc, 'Options');
      assert.ok(options.includes(`\`${meta.severity}\` by default`), `Options gives the default severity ${meta.severity}`);
      // Documents of other kinds (seccomp profiles, JSON) have no annotations or comments: the page says so, naming both.
      for (const needle of ['kubeHarden.rules', '.kube-harden.yaml', `ignore.kube-harden.io/${rule.id}`, `# kube-harden-ignore ${rule.id}`]) {
        assert.ok(options.includes(needle), `Options mentions ${needle}`);
      }
    });

    test('doc examples: the insecure one fires the rule, the secure one does not', () => {
      assert.ok(doc, `rules/${rule.id}.md is missing`);
      const target = targetFor(rule);
      for (const kind of ['Insecure', 'Secure'] as const) {
        const text = example(doc, kind);
        assert.ok(text, `### ${kind} has a yaml block`);
        const file = parseManifest(text);
        assert.equal(file.problems.length, 0, `the ${kind} example parses cleanly`);
        const resources = resourcesOf(file);
        // Workload rules show a Pod or a Deployment; rules of other kinds show one of their kinds.
        const shown = meta.kinds === 'workload' ? ['Pod', 'Deployment'] : meta.kinds;
        assert.ok(
          resources.some((r) => shown.includes(r.kind) || shown.includes('*')),
          `the ${kind} example holds a ${shown.join(' or a ')}`,
        );
        // Configuration files read by the API server (AdmissionConfiguration) and documents of other kinds (seccomp profiles) have no metadata.
        for (const r of resources) assert.ok(r.name || unnamedKinds.includes(r.kind) || isDocumentKind(r.kind), `every resource of the ${kind} example has a name`);
        const { findings, problems } = lintExample(rule, text);
        assert.equal(problems, 0);
        const own = findings.filter((f) => f.ruleId === rule.id);
        const where = `${kind} example at ${target.podSecurityLevel}/${target.kubernetesVersion}`;
        if (kind === 'Insecure') assert.ok(own.length > 0, `the ${where} yields no ${rule.id} finding`);
        else
          assert.deepEqual(
            own.map((f) => f.message),
            [],
            `the ${where} must yield no ${rule.id} finding`,
          );
      }
    });

    test('findings of the insecure example: messages filled in, fixes of the declared kind', () => {
      assert.ok(doc, `rules/${rule.id}.md is missing`);
      const text = example(doc, 'Insecure');
      assert.ok(text, '### Insecure has a yaml block');
      const own = lintExample(rule, text).findings.filter((f) => f.ruleId === rule.id);
      assert.ok(own.length > 0, `the Insecure example yields no ${rule.id} finding`);
      for (const f of own) {
        assert.ok(f.messageId in meta.messages, `reported message id ${f.messageId} is declared`);
        assert.doesNotMatch(f.message, placeholder, 'every placeholder is filled in');
        if (f.fix) assert.doesNotMatch(f.fix.title, placeholder, 'every fix title placeholder is filled in');
        if (meta.fix !== 'safe') assert.equal(f.fix, undefined, `a rule with fix kind ${meta.fix} reports no safe fix`);
        if (meta.fix === 'none') assert.equal(f.suggestions.length, 0, 'a rule with fix kind none offers no suggestions');
        if (meta.fix === 'suggestion') assert.ok(f.suggestions.length > 0, 'a rule with fix kind suggestion offers one');
      }
      if (meta.fix === 'safe')
        assert.ok(
          own.some((f) => f.fix),
          'a rule with fix kind safe reports a safe fix',
        );
    });

    test('has a rule table test file', () => {
      assert.ok(existsSync(join(root, 'test', 'rules', rule.meta.category, `${rule.id}.test.ts`)), `test/rules/${rule.meta.category}/${rule.id}.test.ts is missing`);
    });
  });
}
