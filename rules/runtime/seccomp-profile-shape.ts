// Runtime: a seccomp profile holds only what the runtime understands. An unknown action, architecture
// or argument operator makes the runtime refuse the profile; an unknown key is ignored silently,
// which is worse when it was meant to restrict something (`syscall` for `syscalls`).

import { asMap, defineRule, deref, isMap, isScalar, isSeq, scalarValue } from '../../server/src/engine';
import type { Node, RuleContext, YAMLMap } from '../../server/src/engine';
import { profileKind } from './seccomp-profile';

const actions = ['SCMP_ACT_KILL', 'SCMP_ACT_KILL_PROCESS', 'SCMP_ACT_KILL_THREAD', 'SCMP_ACT_TRAP', 'SCMP_ACT_ERRNO', 'SCMP_ACT_TRACE', 'SCMP_ACT_ALLOW', 'SCMP_ACT_LOG', 'SCMP_ACT_NOTIFY'];
const arches = 'X86 X86_64 X32 ARM AARCH64 MIPS MIPS64 MIPS64N32 MIPSEL MIPSEL64 MIPSEL64N32 PPC PPC64 PPC64LE S390 S390X PARISC PARISC64 RISCV64 LOONGARCH64 M68K SH SHEB'
  .split(' ')
  .map((a) => `SCMP_ARCH_${a}`);
const operators = ['SCMP_CMP_NE', 'SCMP_CMP_LT', 'SCMP_CMP_LE', 'SCMP_CMP_EQ', 'SCMP_CMP_GE', 'SCMP_CMP_GT', 'SCMP_CMP_MASKED_EQ'];
const keys = {
  profile: ['defaultAction', 'defaultErrnoRet', 'architectures', 'archMap', 'syscalls', 'flags', 'listenerPath', 'listenerMetadata'],
  syscall: ['names', 'name', 'action', 'args', 'errnoRet', 'comment', 'includes', 'excludes'],
  arg: ['index', 'value', 'valueTwo', 'op'],
  archMap: ['architecture', 'subArchitectures'],
};

type Messages = 'unknownKey' | 'badValue' | 'noAction' | 'noNames' | 'notObject';

export default defineRule({
  id: 'seccomp-profile-shape',
  meta: {
    title: 'Seccomp profiles use only actions, architectures and keys the runtime knows',
    description:
      'An unknown action, architecture or argument operator makes the container runtime refuse the profile; an unknown key is silently ignored, and a syscall rule without an action or names does nothing.',
    category: 'runtime',
    severity: 'error',
    equivalents: 'none',
    compliance: 'none',
    kinds: [profileKind],
    scope: 'document',
    fix: 'none',
    messages: {
      unknownKey: '"{key}" is not a key of {where}: the runtime ignores it',
      badValue: '"{value}" is not {what}: the runtime refuses the profile',
      noAction: 'this syscall rule has no "action": the runtime refuses the profile',
      noNames: 'this syscall rule names no syscall ("names"): it matches nothing',
      notObject: 'a syscall rule must be an object with "names" and "action"',
    },
  },
  check(ctx) {
    const { doc, root } = ctx.resource;
    unknownKeys(ctx, root, keys.profile, 'a seccomp profile');
    value(ctx, root.get('defaultAction', true) as Node, actions, 'an SCMP_ACT_* action');
    const archList = deref(doc, root.get('architectures', true));
    for (const arch of isSeq(archList) ? archList.items : []) value(ctx, arch as Node, arches, 'an SCMP_ARCH_* architecture');
    const archMap = deref(doc, root.get('archMap', true));
    for (const item of isSeq(archMap) ? archMap.items : []) {
      const map = asMap(deref(doc, item));
      if (!map) continue;
      unknownKeys(ctx, map, keys.archMap, 'an archMap entry');
      value(ctx, map.get('architecture', true) as Node, arches, 'an SCMP_ARCH_* architecture');
    }
    const syscalls = deref(doc, root.get('syscalls', true));
    for (const item of isSeq(syscalls) ? syscalls.items : []) {
      const entry = asMap(deref(doc, item));
      // A `// comment` between rules reads as a string: seccomp-profile-json reports it.
      if (!entry) {
        const text = scalarValue(item as Node);
        if (!(typeof text === 'string' && text.startsWith('//'))) ctx.report({ node: item as Node, messageId: 'notObject' });
        continue;
      }
      syscallRule(ctx, entry);
    }
  },
});

function syscallRule(ctx: RuleContext<Messages>, entry: YAMLMap): void {
  const { doc } = ctx.resource;
  unknownKeys(ctx, entry, keys.syscall, 'a syscall rule');
  const action = entry.get('action', true) as Node | undefined;
  if (action === undefined) ctx.report({ node: firstKey(entry), messageId: 'noAction' });
  else value(ctx, action, actions, 'an SCMP_ACT_* action');
  const names = deref(doc, entry.get('names', true));
  if (!(isSeq(names) && names.items.length > 0) && entry.get('name') === undefined) ctx.report({ node: (entry.get('names', true) as Node) ?? firstKey(entry), messageId: 'noNames' });
  const args = deref(doc, entry.get('args', true));
  for (const item of isSeq(args) ? args.items : []) {
    const arg = asMap(deref(doc, item));
    if (!arg) continue;
    unknownKeys(ctx, arg, keys.arg, 'a syscall argument condition');
    value(ctx, arg.get('op', true) as Node, operators, 'an SCMP_CMP_* operator');
  }
}

function firstKey(map: YAMLMap): Node {
  return (map.items[0]?.key as Node) ?? map;
}

function unknownKeys(ctx: RuleContext<Messages>, map: YAMLMap, known: readonly string[], where: string): void {
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key === 'string' && !known.includes(key)) ctx.report({ node: pair.key as Node, messageId: 'unknownKey', data: { key, where } });
  }
}

function value(ctx: RuleContext<Messages>, node: Node | undefined, allowed: readonly string[], what: string): void {
  const v = scalarValue(deref(ctx.resource.doc, node));
  if (node === undefined || isMap(node)) return;
  if (typeof v !== 'string' || !allowed.includes(v)) ctx.report({ node, messageId: 'badValue', data: { value: String(v ?? ''), what } });
}
