// What a Namespace's Pod Security labels enforce: warn or audit alone enforce nothing (the cluster's
// default applies, privileged unless its AdmissionConfiguration says otherwise); enforce privileged
// admits anything; an enforce-version far behind the target release misses the checks added since.

import { clusterDefaultKey, defineRule, isTemplatedText, replaceScalar, Scalar, setIn } from '../../server/src/engine';
import { podSecurityDefaults } from './pod-security-defaults';
import type { RuleContext } from '../../server/src/engine';
import { LabelEntry, labelPrefix, levels, minorOf, podSecurityLabels } from './namespace-labels';

/** More minor versions behind than the releases Kubernetes supports at once (the three newest). */
const maxBehind = 3;

const messages = {
  noEnforce: 'namespace "{name}" sets {key} but enforces no level, so the cluster default applies',
  noEnforceDefault: 'namespace "{name}" sets {key} but enforces no level, so the AdmissionConfiguration default {value} applies',
  privileged: 'namespace "{name}" enforces the privileged level, which admits any pod',
  behind: 'enforce-version {value} of namespace "{name}" is {version} releases behind the target Kubernetes {target}',
};
type Id = keyof typeof messages;

export default defineRule<Id>({
  id: 'namespace-labels-enforce',
  meta: {
    title: 'Namespaces should enforce a current Pod Security level',
    description: 'A Namespace that only warns or audits, enforces privileged, or enforces a version far behind the target Kubernetes version admits pods the Pod Security Standards reject.',
    category: 'admission',
    severity: 'info',
    equivalents: 'none',
    compliance: { nsa: ['pod-security'] },
    kinds: ['Namespace'],
    scope: 'workspace',
    reads: [podSecurityDefaults],
    fix: 'suggestion',
    messages,
    hint: 'Enforce `baseline` or `restricted` with `pod-security.kubernetes.io/enforce`, and pin `enforce-version` to a current release.',
  },
  check(ctx) {
    const labels = podSecurityLabels(ctx.resource);
    const enforce = labels.get(`${labelPrefix}enforce`);
    if (!enforce) noEnforce(ctx, labels);
    else if (enforce.value === 'privileged') ctx.report({ node: enforce.valueNode ?? enforce.keyNode, messageId: 'privileged', data: { name: ctx.resource.name } });
    const version = labels.get(`${labelPrefix}enforce-version`);
    if (version?.valueNode && enforce?.value !== 'privileged') behind(ctx, version);
  },
});

function noEnforce(ctx: RuleContext<Id>, labels: Map<string, LabelEntry>): void {
  const softer = labels.get(`${labelPrefix}warn`) ?? labels.get(`${labelPrefix}audit`);
  if (!softer || isTemplatedText(softer.value)) return;
  const level = (levels as readonly string[]).includes(softer.value) ? softer.value : undefined;
  const { doc, root, name } = ctx.resource;
  const suggestions = level
    ? [
        {
          title: `Enforce ${level} as ${softer.key.slice(labelPrefix.length)} does (assumes the namespace's pods pass it)`,
          fix: (file: { text: string }) => setIn({ text: file.text, doc }, root, ['metadata', 'labels', `${labelPrefix}enforce`], level),
        },
      ]
    : [];
  const cluster = ctx.workspace.namespacePolicies().get(clusterDefaultKey)?.level;
  const data = { name, key: softer.key, ...(cluster ? { value: cluster } : {}) };
  ctx.report({ node: softer.keyNode, messageId: cluster ? 'noEnforceDefault' : 'noEnforce', data, suggestions });
}

function behind(ctx: RuleContext<Id>, version: LabelEntry): void {
  const minor = minorOf(version.value);
  if (minor === undefined || ctx.minor - minor <= maxBehind) return;
  const target = `v1.${ctx.minor}`;
  const suggestions = [{ title: `Set enforce-version to ${target} (checks pods as that release does; fix what it rejects first)`, fix: () => replaceScalar(version.valueNode as Scalar, target) }];
  ctx.report({ node: version.valueNode!, messageId: 'behind', data: { name: ctx.resource.name, value: version.value, version: ctx.minor - minor, target: `1.${ctx.minor}` }, suggestions });
}
