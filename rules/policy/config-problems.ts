// Problems of the custom rules in the text of `.kube-harden.yaml`, beyond what its JSON Schema says:
// an expression that does not compile, at its exact character inside the YAML string (quoted,
// escaped or block), and ids that are taken.

import { isMap, isScalar, isSeq, scalarOffsets } from '../../server/src/engine';
import type { ConfigProblem, Document, Scalar } from '../../server/src/engine';
import { compile } from './cel-eval';
import { customRuleVariables } from './custom-rules';

/** The custom rules' problems in a config file's text; `reserved`: the ids of the built-in rules. */
export function customRuleProblems(doc: Document | undefined, text: string, reserved: ReadonlySet<string>): ConfigProblem[] {
  if (!doc || doc.errors.length > 0 || !isMap(doc.contents)) return [];
  const list = doc.contents.get('customRules', true);
  if (!isSeq(list)) return [];
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const item of list.items) {
    if (!isMap(item)) continue;
    const id = item.get('id', true);
    if (isScalar(id) && typeof id.value === 'string') {
      const where = { offset: id.range?.[0] ?? 0, length: (id.range?.[1] ?? 0) - (id.range?.[0] ?? 0) };
      if (reserved.has(id.value)) problems.push({ message: `customRules: "${id.value}" is the id of a built-in rule; give the custom rule another`, ...where });
      else if (seen.has(id.value)) problems.push({ message: `customRules: a rule "${id.value}" is defined above; this one is not checked`, ...where });
      seen.add(id.value);
    }
    for (const field of ['expression', 'messageExpression']) {
      const node = item.get(field, true);
      if (isScalar(node) && typeof node.value === 'string') problems.push(...expressionProblems(text, node, field));
    }
  }
  return problems;
}

function expressionProblems(text: string, node: Scalar, field: string): ConfigProblem[] {
  const compiled = compile(node.value as string, customRuleVariables);
  const use = compiled.ok ? compiled.offline[0] : undefined;
  if (compiled.ok && !use) return [];
  const problem = compiled.ok ? { message: `'${use!.name}' cannot be evaluated offline: ${use!.why}`, offset: use!.offset ?? 0, length: use!.name.length } : compiled.problem;
  const range = node.range ?? [0, 0, 0];
  const at = scalarOffsets(text, node);
  const message = `${field}: ${problem.message}`;
  // Without an exact mapping (a construct the mapper does not follow), the whole value is marked.
  if (!at) return [{ message, offset: range[0], length: range[1] - range[0] }];
  const start = at[Math.min(problem.offset, at.length - 1)];
  const endIndex = Math.min(problem.offset + problem.length, at.length - 1);
  const end = Math.max(start + 1, at[endIndex - 1] + 1);
  return [{ message, offset: start, length: end - start }];
}
