// Runtime: a syscall name Linux does not know. The runtime skips names its libseccomp cannot resolve,
// so a misspelt name in an allow-list refuses the call the author meant to allow, and one in a
// deny-list lets it through.

import { defineRule } from '../../server/src/engine';
import { closestField } from '../schema/suggest';
import { knownSyscalls } from './seccomp-data';
import { profileKind, profileOf } from './seccomp-profile';

export default defineRule({
  id: 'seccomp-profile-unknown-syscall',
  meta: {
    title: 'Seccomp profiles name syscalls Linux has',
    description: 'A name that no Linux architecture has is skipped by the runtime: the call the rule meant to allow or deny is not affected.',
    category: 'runtime',
    severity: 'warning',
    equivalents: 'none',
    compliance: 'none',
    kinds: [profileKind],
    scope: 'document',
    fix: 'none',
    messages: {
      unknown: '"{name}" is not a Linux syscall: the runtime skips it',
      didYouMean: '"{name}" is not a Linux syscall ("{suggestion}" is)',
    },
  },
  check(ctx) {
    for (const rule of profileOf(ctx.resource).rules) {
      for (const { name, node } of rule.names) {
        if (knownSyscalls.includes(name)) continue;
        const close = closestField(name, knownSyscalls);
        if (close) ctx.report({ node, messageId: 'didYouMean', data: { name, suggestion: close.field } });
        else ctx.report({ node, messageId: 'unknown', data: { name } });
      }
    }
  },
});
