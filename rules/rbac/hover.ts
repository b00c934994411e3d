// The RBAC family's hover on a workload's name or `serviceAccountName`: what its ServiceAccount may
// do, rule by rule in plain words, with the binding and role of each and links to them; whether a
// token is mounted at all.

import { HoverContext, HoverProvider, Node, nodeAt, workloadOf } from '../../server/src/engine';
import { workloadAccount, WorkloadAccount } from './account';
import { accountFacts, Grant, grantsOf, scopeWords } from './graph';
import { dangerWords, ruleWords } from './permissions';

/** More lines than this and the hover says how many it left out. */
const maxLines = 25;

function mounted(ctx: HoverContext, account: WorkloadAccount): string {
  if (account.automount === false) return 'The pod sets `automountServiceAccountToken: false`: these permissions exist but no token is mounted.';
  if (account.automount === undefined && accountFacts(ctx.workspace, account).some((a) => a.automount === false)) {
    return 'The ServiceAccount sets `automountServiceAccountToken: false`: these permissions exist but no token is mounted.';
  }
  return '';
}

function grantLine(ctx: HoverContext, g: Grant): string {
  const danger = g.dangers.length > 0 ? ` — **can ${g.dangers.map((d) => dangerWords[d]).join('; ')}**` : '';
  const role = g.role.builtin ? `${g.role.kind} \`${g.role.name}\` (built in)` : `${g.role.kind} \`${g.role.name}\``;
  const where = 'at' in g.rule ? ctx.link(g.rule.at) : ctx.link(g.binding.at);
  return `- can ${ruleWords(g.rule)} ${scopeWords(g.scope, true)}${danger} — ${g.binding.kind} \`${g.binding.name}\` → ${role}, ${where}`;
}

export function permissionsMarkdown(ctx: HoverContext, account: WorkloadAccount): string {
  const grants = grantsOf(ctx.workspace, account);
  const who = `ServiceAccount \`${account.name}\`${account.explicit ? '' : ' (the default)'}`;
  const note = mounted(ctx, account);
  if (grants.length === 0) return [`**Permissions of ${who}**`, '', 'No binding of the workspace grants it anything.', note].filter(Boolean).join('\n');
  // Dangerous grants first, so they survive the cut.
  const sorted = [...grants].sort((a, b) => Number(b.dangers.length > 0) - Number(a.dangers.length > 0));
  const lines = sorted.slice(0, maxLines).map((g) => grantLine(ctx, g));
  if (sorted.length > maxLines) lines.push(`- and ${sorted.length - maxLines} more rules`);
  return [`**Permissions of ${who}**`, '', ...lines, ...(note ? ['', note] : [])].join('\n');
}

export const rbacHover: HoverProvider = {
  family: 'rbac',
  hover(ctx, offset) {
    const { resource } = ctx;
    const workload = workloadOf(resource);
    if (!workload || ctx.workspace.role() === 'partial') return undefined;
    const account = workloadAccount(resource, workload);
    if (!account) return undefined;
    const name = nodeAt(resource.doc, resource.root, ['metadata', 'name']);
    const on = [name, account.node].find((n): n is Node => n?.range !== undefined && n.range !== null && offset >= n.range[0] && offset <= n.range[1]);
    if (!on) return undefined;
    return { markdown: permissionsMarkdown(ctx, account), node: on };
  },
};
