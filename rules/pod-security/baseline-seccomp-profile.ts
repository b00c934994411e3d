// Baseline: seccomp must not be explicitly disabled. Before 1.19 Kubernetes configured seccomp through
// annotations, which upstream checks up to 1.18; from 1.19 it checks the seccompProfile fields only.

import { defineRule, RuleContext, Workload } from '../../server/src/engine';
import { replaceWith } from '../../server/src/engine';
import { checkSeccompField } from './profiles';
import { isSet, unknowable } from '../../server/src/engine';

const podAnnotation = 'seccomp.security.alpha.kubernetes.io/pod';
const containerAnnotation = 'container.seccomp.security.alpha.kubernetes.io/';

function allowedAnnotation(value: string): boolean {
  // Unlike AppArmor's, an empty seccomp annotation is not allowed.
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

export default defineRule({
  id: 'baseline-seccomp-profile',
  meta: {
    title: 'Seccomp must not be disabled',
    description: 'seccomp profiles, where set, must be RuntimeDefault or Localhost (before 1.19: the seccomp annotations must not be unconfined).',
    category: 'pod-security',
    severity: 'error',
    equivalents: { trivy: ['KSV-0104'] },
    compliance: { cis: ['5.7.2'], nsa: ['pod-security'] },
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'seccompProfile_baseline', level: 'baseline', versions: ['1.0', '1.19'] },
    messages: {
      annotation: 'seccomp annotation for {owner} sets profile "{profile}"',
      field: '{owner} uses seccomp profile {profile}',
    },
  },
  fixTitles: { annotation: 'Use runtime/default for the {owner}', field: 'Fix the seccomp profile type of the {owner}' },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    if (!ctx.atLeast('1.19')) {
      checkAnnotations(ctx, w);
      return;
    }
    checkSeccompField(ctx, w, undefined, 'field');
    for (const c of w.containers()) checkSeccompField(ctx, w, c, 'field');
  },
});

function checkAnnotations(ctx: RuleContext, w: Workload): void {
  const annotations = w.annotations();
  // Container annotations count only for containers that exist, as upstream reads them by name.
  const keys: Array<[string, string]> = [[podAnnotation, 'pod'], ...w.containers().map((c): [string, string] => [containerAnnotation + c.name, `container "${c.name}"`])];
  for (const [key, owner] of keys) {
    const entry = annotations.get(key);
    if (!entry || unknowable(entry.valueNode) || allowedAnnotation(entry.value)) continue;
    const valueNode = entry.valueNode && isSet(entry.valueNode) ? entry.valueNode : undefined;
    ctx.report({ node: valueNode ?? entry.keyNode, messageId: 'annotation', data: { owner, profile: entry.value }, fix: valueNode ? replaceWith(valueNode, 'runtime/default') : undefined });
  }
}
