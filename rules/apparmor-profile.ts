// Baseline: AppArmor confines what a container may do; `unconfined` turns it off. Both the legacy
// annotation and the securityContext.appArmorProfile field (Kubernetes 1.30+) are checked.

import { Container, defineRule, keyAt, Node, RuleContext, Workload } from '../server/src/engine';
import { replaceWith, setOnContainer, setOnPod } from './lib/fixes';
import { isSet, known, unknowable } from './lib/values';

const annotationPrefix = 'container.apparmor.security.beta.kubernetes.io/';
const allowedTypes = new Set(['RuntimeDefault', 'Localhost']);

function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

export default defineRule({
  id: 'apparmor-profile',
  meta: {
    title: 'AppArmor must not be disabled',
    description: 'AppArmor profiles must be RuntimeDefault or Localhost, in the appArmorProfile field and in the legacy annotation.',
    category: 'pod-security',
    severity: 'error',
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    pss: { check: 'appArmorProfile', level: 'baseline', versions: ['1.0'] },
    messages: {
      annotation: 'AppArmor annotation for "{container}" sets profile "{profile}"',
      field: '{owner} sets AppArmor profile type "{profile}"',
    },
  },
  fixTitles: { annotation: 'Use runtime/default for "{container}"', field: 'Use AppArmor profile RuntimeDefault' },
  check(ctx) {
    const w = ctx.workload;
    if (!w) return;
    for (const [key, entry] of w.annotations()) {
      if (!key.startsWith(annotationPrefix) || unknowable(entry.valueNode)) continue;
      if (allowedAnnotation(entry.value)) continue;
      ctx.report({
        node: entry.valueNode && isSet(entry.valueNode) ? entry.valueNode : entry.keyNode,
        messageId: 'annotation',
        data: { container: key.slice(annotationPrefix.length), profile: entry.value },
        fix: entry.valueNode && isSet(entry.valueNode) ? replaceWith(entry.valueNode, 'runtime/default') : undefined,
      });
    }
    checkField(ctx.report, w, undefined);
    for (const c of w.containers()) checkField(ctx.report, w, c);
  },
});

function checkField(report: RuleContext['report'], w: Workload, c: Container | undefined): void {
  const owner = c ? `container "${c.name}"` : 'pod';
  const get = (path: string[]) => (c ? c.get(['securityContext', ...path]) : w.get(['securityContext', ...path]));
  const profile = get(['appArmorProfile']);
  if (!isSet(profile)) return;
  const typeNode = get(['appArmorProfile', 'type']);
  if (unknowable(typeNode)) return;
  const type = known(typeNode);
  if (typeof type === 'string' && allowedTypes.has(type)) return;
  const fix = isSet(typeNode)
    ? replaceWith(typeNode, 'RuntimeDefault')
    : c
      ? setOnContainer(c, ['appArmorProfile', 'type'], 'RuntimeDefault')
      : setOnPod(w, ['appArmorProfile', 'type'], 'RuntimeDefault');
  const anchor: Node = isSet(typeNode) ? typeNode : (keyAt(w.doc, c ? c.node : w.spec, ['securityContext', 'appArmorProfile']) ?? profile);
  report({ node: anchor, messageId: 'field', data: { owner, profile: type === undefined ? '' : String(type) }, fix });
}
