// The PodSecurity plugin's configuration is parsed strictly: unlike a Namespace label, a level or
// version it does not know, or a misspelt key, makes the API server (or the Pod Security webhook)
// refuse to start, which takes the whole control plane down at the next restart (the plugin's
// validation: k8s.io/pod-security-admission/admission/api/validation).

import { asMap, asSeq, defineRule, deref, isTemplatedText, known, replaceScalar, Scalar, stringEntries } from '../../server/src/engine';
import type { Document, Node, RuleContext, Suggestion } from '../../server/src/engine';
import { intendedLevel, intendedVersion, isValidVersion, levels, modes } from './namespace-labels';
import { configurationKinds, podSecurityConfigurations, podSecurityConfigVersions } from './pod-security-config';

const messages = {
  apiVersion: 'PodSecurity configuration apiVersion {value} is not one the plugin reads',
  level: 'default {key} "{value}" is not a Pod Security level, so the API server refuses to start',
  version: 'default {key} "{value}" is not a version (v1.<minor> or latest), so the API server refuses to start',
  unknownKey: 'PodSecurity configuration has no field {key}, so it is ignored or refused',
  namespace: 'exempt namespace "{value}" is not a valid namespace name, so the API server refuses to start',
  duplicate: 'exempt namespace "{value}" is listed twice, so the API server refuses to start',
};
type Id = keyof typeof messages;

const defaultKeys = modes.flatMap((m) => [m, `${m}-version`]);
const exemptionKeys = ['usernames', 'runtimeClasses', 'namespaces'];

export default defineRule<Id>({
  id: 'pod-security-admission-config',
  meta: {
    title: 'PodSecurity admission configuration must be valid',
    description:
      'The defaults and exemptions of the PodSecurity plugin, in an AdmissionConfiguration or a PodSecurityConfiguration, must use known fields, levels and versions; the API server refuses to start otherwise.',
    category: 'admission',
    severity: 'error',
    equivalents: 'none',
    compliance: { nsa: ['pod-security'] },
    kinds: configurationKinds,
    scope: 'document',
    fix: 'suggestion',
    messages,
    hint: 'Levels are `privileged`, `baseline` and `restricted`; versions `v1.<minor>` or `latest`; `defaults` has `enforce`, `audit`, `warn` and their `-version`s.',
  },
  check(ctx) {
    const { doc } = ctx.resource;
    for (const config of podSecurityConfigurations(ctx.resource)) {
      const version = known(config.apiVersionNode);
      if (config.apiVersionNode && typeof version === 'string' && !isTemplatedText(version) && !podSecurityConfigVersions.includes(version)) {
        ctx.report({ node: config.apiVersionNode, messageId: 'apiVersion', data: { value: version } });
      }
      const defaults = asMap(deref(doc, config.map.get('defaults', true)));
      for (const entry of stringEntries(defaults, doc)) checkDefault(ctx, entry);
      const exemptions = asMap(deref(doc, config.map.get('exemptions', true)));
      for (const entry of stringEntries(exemptions, doc)) {
        if (!exemptionKeys.includes(entry.key)) ctx.report({ node: entry.keyNode, messageId: 'unknownKey', data: { key: `exemptions.${entry.key}` } });
        else if (entry.key === 'namespaces') checkNamespaces(ctx, doc, entry.valueNode);
      }
    }
  },
});

function checkDefault(ctx: RuleContext<Id>, entry: { key: string; keyNode: Scalar; value: unknown; valueNode: Node | undefined }): void {
  if (!defaultKeys.includes(entry.key)) {
    ctx.report({ node: entry.keyNode, messageId: 'unknownKey', data: { key: `defaults.${entry.key}` } });
    return;
  }
  const value = typeof entry.value === 'string' ? entry.value : undefined;
  if (value === undefined || isTemplatedText(value) || !entry.valueNode) return;
  const isVersion = entry.key.endsWith('-version');
  if (isVersion ? isValidVersion(value) : (levels as readonly string[]).includes(value)) return;
  const meant = isVersion ? intendedVersion(value) : intendedLevel(value);
  const suggestions: Suggestion[] = meant ? [{ title: `Set ${entry.key} to ${meant} (assumes "${value}" meant ${meant})`, fix: () => replaceScalar(entry.valueNode as Scalar, meant) }] : [];
  ctx.report({ node: entry.valueNode, messageId: isVersion ? 'version' : 'level', data: { key: entry.key, value }, suggestions });
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function checkNamespaces(ctx: RuleContext<Id>, doc: Document, node: Node | undefined): void {
  const seen = new Set<string>();
  for (const item of asSeq(node)?.items ?? []) {
    const n = deref(doc, item);
    const value = known(n);
    if (typeof value !== 'string' || isTemplatedText(value)) continue;
    if (!dnsLabel.test(value)) ctx.report({ node: n!, messageId: 'namespace', data: { value } });
    else if (seen.has(value)) ctx.report({ node: n!, messageId: 'duplicate', data: { value } });
    seen.add(value);
  }
}
