// A Pod Security label whose value Pod Security Admission does not know is not ignored: an unknown
// level is enforced as restricted and an unknown version as latest, which rejects pods the author
// meant to admit (or, for a future version, checks at a version that was never meant).

import { defineRule, isTemplatedText, replaceScalar, Scalar, Suggestion } from '../../server/src/engine';
import type { RuleContext } from '../../server/src/engine';
import { intendedLevel, intendedVersion, isFutureVersion, isValidVersion, LabelEntry, labelPrefix, levels, modes, podSecurityLabels } from './namespace-labels';

const messages = {
  level: 'label {key} has the unknown level "{value}", which Pod Security Admission reads as restricted',
  version: 'label {key} has the unknown version "{value}", which Pod Security Admission reads as latest',
  future: 'label {key} names {value}, newer than any Kubernetes release, which Pod Security Admission reads as latest',
};
type Id = keyof typeof messages;

export default defineRule<Id>({
  id: 'namespace-labels-invalid',
  meta: {
    title: 'Pod Security labels must hold a known level and version',
    description: 'A Pod Security Admission label with an unknown level is enforced as restricted, and one with an unknown version as latest.',
    category: 'admission',
    severity: 'warning',
    equivalents: 'none',
    compliance: { nsa: ['pod-security'] },
    kinds: ['Namespace'],
    scope: 'document',
    fix: 'safe',
    messages,
    hint: 'Levels are `privileged`, `baseline` and `restricted`; versions are `v1.<minor>` (with the `v`) or `latest`.',
  },
  fixTitles: { level: 'Write the level restricted, as it is read', version: 'Write latest, as it is read' },
  check(ctx) {
    for (const read of podSecurityLabels(ctx.resource).values()) {
      if (!read.valueNode?.range || isTemplatedText(read.value)) continue;
      // A number (`1.30`) is read as 1.3: the text as written is what was meant.
      const value = typeof (read.valueNode as Scalar).value === 'number' ? ctx.file.text.slice(read.valueNode.range[0], read.valueNode.range[1]) : read.value;
      const entry = { ...read, value };
      const mode = entry.key.slice(labelPrefix.length);
      if ((modes as readonly string[]).includes(mode)) checkLevel(ctx, entry);
      else if (modes.some((m) => mode === `${m}-version`)) checkVersion(ctx, entry);
    }
  },
});

function replace(entry: LabelEntry, value: string) {
  return () => replaceScalar(entry.valueNode as Scalar, value);
}

function checkLevel(ctx: RuleContext<Id>, entry: LabelEntry): void {
  if ((levels as readonly string[]).includes(entry.value)) return;
  const meant = intendedLevel(entry.value);
  const data = { key: entry.key, value: entry.value };
  // Writing restricted changes nothing the cluster does: that is how the value is read already.
  if (meant === 'restricted') ctx.report({ node: entry.valueNode!, messageId: 'level', data, fix: replace(entry, meant) });
  else {
    const suggestions: Suggestion[] = meant ? [{ title: `Set ${entry.key} to ${meant} (assumes "${entry.value}" meant ${meant})`, fix: replace(entry, meant) }] : [];
    ctx.report({ node: entry.valueNode!, messageId: 'level', data, suggestions });
  }
}

function checkVersion(ctx: RuleContext<Id>, entry: LabelEntry): void {
  const data = { key: entry.key, value: entry.value };
  if (isValidVersion(entry.value)) {
    if (!isFutureVersion(entry.value)) return;
    const target = `v1.${ctx.minor}`;
    const suggestions = [{ title: `Set ${entry.key} to ${target}, the target Kubernetes version (checks pods as that release does)`, fix: replace(entry, target) }];
    ctx.report({ node: entry.valueNode!, messageId: 'future', data, suggestions });
    return;
  }
  const meant = intendedVersion(entry.value);
  if (meant === 'latest') ctx.report({ node: entry.valueNode!, messageId: 'version', data, fix: replace(entry, meant) });
  else {
    const suggestions: Suggestion[] = meant
      ? [{ title: `Set ${entry.key} to ${meant} (assumes "${entry.value}" meant ${meant}; pods are then checked as that release does)`, fix: replace(entry, meant) }]
      : [];
    ctx.report({ node: entry.valueNode!, messageId: 'version', data, suggestions });
  }
}
