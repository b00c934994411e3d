// The CEL expressions of a ValidatingAdmissionPolicy must parse and name only variables the API
// server declares: it rejects the policy otherwise (`compilation failed: ERROR: … undeclared
// reference`). Findings stand on the character at fault inside the YAML string.

import { asMap, asSeq, defineRule, deref, isScalar, isTemplated, nodeAt, Node, plain, Scalar, scalarOffsets } from '../../server/src/engine';
import type * as Cel from './cel';
import type { CelProblem } from './cel';

// The CEL parser loads on the first policy (see policy/cel-eval.ts): most workspaces hold none.
let cel: typeof Cel | undefined;
const celProblems: typeof Cel.celProblems = (expression, declared) => (cel ??= require('./cel') as typeof Cel).celProblems(expression, declared);

export const policyApi = /^admissionregistration\.k8s\.io\/v1(?:beta1|alpha1)?$/;

/** The fields of a policy that hold CEL, as [list, field]. */
const celFields: ReadonlyArray<readonly [string, string]> = [
  ['variables', 'expression'],
  ['matchConditions', 'expression'],
  ['validations', 'expression'],
  ['validations', 'messageExpression'],
  ['auditAnnotations', 'valueExpression'],
];

function declaredVariables(value: unknown): ReadonlySet<string> | undefined {
  if (value === undefined || value === null) return new Set();
  if (!Array.isArray(value)) return undefined;
  const names = value.map((v) => (v && typeof v === 'object' ? (v as Record<string, unknown>).name : undefined));
  return names.every((n) => typeof n === 'string') ? new Set(names as string[]) : undefined;
}

/** A short message: the parser lists every token it expected, which is noise after the first words. */
function shortMessage(message: string): string {
  return message.length > 80 ? message.replace(/ but expecting .*$/, '') : message;
}

function range(text: string, node: Scalar, problem: CelProblem): readonly [number, number] | undefined {
  const map = scalarOffsets(text, node);
  if (!map) return undefined;
  const value = String(node.value);
  const start = problem.start < value.length ? map[problem.start] : map[Math.max(value.length - 1, 0)];
  const last = Math.min(Math.max(problem.end, problem.start + 1), value.length) - 1;
  return [start, (last >= 0 ? map[last] : start) + 1];
}

export default defineRule({
  id: 'admission-policy-cel',
  meta: {
    title: 'Admission policy expressions must be valid CEL over declared variables',
    description:
      'The CEL expressions of a ValidatingAdmissionPolicy (validations, messageExpression, matchConditions, auditAnnotations, variables) must parse and use only the variables the API server declares.',
    category: 'admission',
    severity: 'error',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['ValidatingAdmissionPolicy'],
    scope: 'document',
    fix: 'none',
    messages: {
      syntax: 'CEL syntax error in {field}: {message}',
      unknownVariable: '"{name}" is not a variable of admission policy expressions (object, oldObject, request, params, namespaceObject, authorizer, variables)',
      unknownPolicyVariable: 'variables.{name} is not declared in spec.variables',
    },
    hint: 'The API server compiles these expressions when the policy is created and rejects it on an error.',
  },
  check(ctx) {
    if (!policyApi.test(ctx.resource.apiVersion)) return;
    const spec = asMap(nodeAt(ctx.resource.doc, ctx.resource.root, ['spec']));
    if (!spec) return;
    const declared = declaredVariables(plain(ctx.resource.doc, nodeAt(ctx.resource.doc, spec, ['variables'])));
    for (const [list, field] of celFields) {
      asSeq(nodeAt(ctx.resource.doc, spec, [list]))?.items.forEach((item, i) => {
        const node = deref(ctx.resource.doc, nodeAt(ctx.resource.doc, deref(ctx.resource.doc, item as Node), [field])) as Node | undefined;
        if (!isScalar(node) || typeof node.value !== 'string' || isTemplated(node)) return;
        for (const problem of celProblems(node.value, declared)) {
          const within = range(ctx.file.text, node, problem);
          const data = { field: `spec.${list}[${i}].${field}`, name: problem.name, message: shortMessage(problem.message ?? '') };
          ctx.report({ node, ...(within ? { within } : {}), messageId: problem.kind, data });
        }
      });
    }
  },
});
