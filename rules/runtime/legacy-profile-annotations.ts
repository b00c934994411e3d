// Seccomp and AppArmor were first configured with annotations. The kubelet ignores the seccomp
// ones from 1.27 and AppArmor's are deprecated from 1.30, when the securityContext fields replace
// them. The API server copies an annotation to the field of a new pod that has none, so moving the
// value to the field (keeping `localhost/<name>` profiles) changes nothing at run time: a safe fix.

import { allOf, defineRule, isSet, removeBelow, setOnContainer, setOnPod, unknowable } from '../../server/src/engine';
import type { Fix, RuleContext, Workload } from '../../server/src/engine';

type Field = 'seccompProfile' | 'appArmorProfile';

const annotationKinds: Array<{ prefix: string; field: Field; label: string; since: string; pod?: string }> = [
  { prefix: 'container.seccomp.security.alpha.kubernetes.io/', pod: 'seccomp.security.alpha.kubernetes.io/pod', field: 'seccompProfile', label: 'seccomp', since: '1.19' },
  { prefix: 'container.apparmor.security.beta.kubernetes.io/', field: 'appArmorProfile', label: 'AppArmor', since: '1.30' },
];

/** The field's value for an annotation value, or undefined when it has no equivalent. */
export function profileOf(value: string): Record<string, string> | undefined {
  if (value === 'runtime/default' || value === 'docker/default') return { type: 'RuntimeDefault' };
  if (value === 'unconfined') return { type: 'Unconfined' };
  if (value.startsWith('localhost/') && value.length > 'localhost/'.length) return { type: 'Localhost', localhostProfile: value.slice('localhost/'.length) };
  return undefined;
}

function moveFix(w: Workload, key: string, field: Field, container: string | undefined, value: string): Fix | undefined {
  const profile = profileOf(value);
  const c = container === undefined ? undefined : w.containers().find((x) => x.name === container);
  if (!profile || (container !== undefined && !c)) return undefined;
  const remove = removeBelow(w, w.meta, ['annotations', key]);
  // A field already set wins over the annotation: only the annotation goes.
  const present = isSet(c ? c.get(['securityContext', field]) : w.get(['securityContext', field]));
  if (present) return remove;
  return allOf(remove, c ? setOnContainer(c, [field], profile) : setOnPod(w, [field], profile));
}

function ownerOf(key: string, kind: (typeof annotationKinds)[number]): string | undefined {
  if (key === kind.pod) return 'pod';
  return key.startsWith(kind.prefix) ? `container "${key.slice(kind.prefix.length)}"` : undefined;
}

export default defineRule({
  id: 'legacy-profile-annotations',
  meta: {
    title: 'Seccomp and AppArmor profiles belong in the securityContext fields',
    description: 'The seccomp annotations (ignored by the kubelet from 1.27) and the AppArmor annotations (deprecated from 1.30) should be the seccompProfile and appArmorProfile fields.',
    category: 'runtime',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: 'workload',
    scope: 'document',
    fix: 'safe',
    messages: { annotation: '{label} annotation for the {owner} is deprecated: set securityContext.{field} instead' },
    hint: 'Move the profile to the `securityContext` field of the pod or container; `localhost/<name>` becomes `type: Localhost` with `localhostProfile: <name>`.',
  },
  fixTitles: { annotation: 'Move to the securityContext field' },
  check(ctx) {
    const w = ctx.workload;
    if (!w || !w.meta) return;
    for (const [key, entry] of w.annotations()) {
      const kind = annotationKinds.find((k) => key === k.pod || key.startsWith(k.prefix));
      const owner = kind && ownerOf(key, kind);
      if (!kind || !owner || !ctx.atLeast(kind.since) || unknowable(entry.valueNode)) continue;
      report(ctx, w, key, entry.keyNode, kind, owner, entry.value);
    }
  },
});

function report(ctx: RuleContext, w: Workload, key: string, node: RuleContext['resource']['anchor'], kind: (typeof annotationKinds)[number], owner: string, value: string): void {
  const container = owner === 'pod' ? undefined : key.slice(kind.prefix.length);
  ctx.report({ node, messageId: 'annotation', data: { label: kind.label, owner, field: kind.field }, fix: moveFix(w, key, kind.field, container, value) });
}
