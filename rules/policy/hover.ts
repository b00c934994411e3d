// The policy family's hover: on a resource's name, the admission policies of the workspace that apply
// to it (ValidatingAdmissionPolicies with their bindings, Kyverno CEL rules) and what each makes of
// it; on a value a policy refuses, that policy. Go to definition jumps from either to the policy and
// its binding.

import { DefinitionContext, DefinitionProvider, HoverProvider, Node, nodeAt } from '../../server/src/engine';
import { Judgement, judgements } from './admission-policy-violation';
import { subjectOf } from './admission-target';
import { narrowestNode } from './custom-rules';
import { kyvernoJudgements } from './kyverno-cel-violation';

type Any = Omit<Judgement, 'action'> & { action: string };

function within(node: Node | undefined, offset: number): node is Node {
  const range = node?.range;
  return !!range && offset >= range[0] && offset <= range[1];
}

/** The judgements shown at the offset: all of them on the name, those refusing the value under the cursor elsewhere. */
function shown(ctx: DefinitionContext, offset: number): { node: Node; list: Any[] } | undefined {
  if (ctx.workspace.role() === 'partial') return undefined;
  const subject = subjectOf(ctx);
  if (!subject) return undefined;
  const all: Any[] = [...judgements(ctx, subject), ...kyvernoJudgements(ctx, subject)];
  if (all.length === 0) return undefined;
  const name = nodeAt(ctx.resource.doc, ctx.resource.root, ['metadata', 'name']);
  if (within(name, offset)) return { node: name, list: all };
  for (const j of all) {
    const node = j.outcomes?.map((o) => narrowestNode(ctx.resource, o.compiled)).find((n) => n !== ctx.resource.anchor && within(n, offset));
    if (node) return { node, list: all.filter((k) => k.outcomes?.some((o) => narrowestNode(ctx.resource, o.compiled) === node)) };
  }
  return undefined;
}

function verdict(j: Any): string {
  if (!j.outcomes) return 'not evaluated offline (its parameters or the namespace’s labels are not in the workspace)';
  if (j.outcomes.length === 0) return 'admits it';
  const refuses = j.action === 'Deny' || j.action === 'Enforce' ? 'refuses it' : `${j.action === 'Audit' ? 'audits' : 'warns about'} it`;
  return `${refuses}: ${j.outcomes.map((o) => (o.kind === 'violation' ? o.message : `\`${o.validation.expression.trim()}\` fails`)).join('; ')}`;
}

export const policyHover: HoverProvider = {
  family: 'policy',
  hover(ctx, offset) {
    const found = shown(ctx, offset);
    if (!found) return undefined;
    const lines = found.list.map((j) => `- ${j.who} (${j.action}) ${verdict(j)} — ${j.at.map((at) => ctx.link(at)).join(', ')}`);
    return { markdown: ['**Admission policies applying to this resource (as a CREATE)**', '', ...lines].join('\n'), node: found.node };
  },
};

export const policyDefinition: DefinitionProvider = {
  family: 'policy',
  definition(ctx, offset) {
    const found = shown(ctx, offset);
    return found && { node: found.node, targets: found.list.flatMap((j) => j.at) };
  },
};
