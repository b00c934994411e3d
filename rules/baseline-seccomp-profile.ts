// Baseline: seccomp must not be explicitly disabled. Before 1.19 Kubernetes configured seccomp through
// annotations, which upstream checks up to 1.18; from 1.19 it checks the seccompProfile fields only.

import { Container, defineRule, keyAt, RuleContext, Workload } from '../server/src/engine';
import { replaceWith, setOnContainer, setOnPod } from './lib/fixes';
import { isSet, known, unknowable } from './lib/values';

const podAnnotation = 'seccomp.security.alpha.kubernetes.io/pod';
const containerAnnotation = 'container.seccomp.security.alpha.kubernetes.io/';
const allowedTypes = new Set(['RuntimeDefault', 'Localhost']);

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
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'seccompProfile_baseline', level: 'baseline', versions: ['1.0', '1.19'] },
    messages: {
      annotation: 'seccomp annotation for {owner} sets profile "{profile}"',
      field: '{owner} sets seccomp profile type "{profile}"',
    },
  },
  fixTitles: { annotation: 'Use runtime/default for the {owner}', field: 'Use seccomp profile RuntimeDefault for the {owner}' },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    if (!ctx.atLeast('1.19')) {
      checkAnnotations(ctx, w);
      return;
    }
    checkSeccompField(ctx.report, w, undefined, 'field');
    for (const c of w.containers()) checkSeccompField(ctx.report, w, c, 'field');
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

/** Reports a seccompProfile that is present with a type other than RuntimeDefault or Localhost. Returns true when it is present and valid. */
export function checkSeccompField(report: RuleContext['report'], w: Workload, c: Container | undefined, messageId: string): boolean {
  const owner = c ? `container "${c.name}"` : 'pod';
  const get = (path: string[]) => (c ? c.get(['securityContext', ...path]) : w.get(['securityContext', ...path]));
  const profile = get(['seccompProfile']);
  if (!isSet(profile)) return false;
  const typeNode = get(['seccompProfile', 'type']);
  if (unknowable(typeNode)) return true;
  const type = known(typeNode);
  if (typeof type === 'string' && allowedTypes.has(type)) return true;
  const fix = isSet(typeNode)
    ? replaceWith(typeNode, 'RuntimeDefault')
    : c
      ? setOnContainer(c, ['seccompProfile', 'type'], 'RuntimeDefault')
      : setOnPod(w, ['seccompProfile', 'type'], 'RuntimeDefault');
  const node = isSet(typeNode) ? typeNode : (keyAt(w.doc, c ? c.node : w.spec, ['securityContext', 'seccompProfile']) ?? profile);
  report({ node, messageId, data: { owner, profile: type === undefined ? '' : String(type) }, fix });
  return false;
}
