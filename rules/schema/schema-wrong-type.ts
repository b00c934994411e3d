// Schema: a value of the wrong type: `runAsUser: "1000"`, `privileged: "false"`, a label value `8080`,
// a memory limit of `512mb`. The API server rejects the manifest; the fix writes the value in the type
// the API wants when that keeps it exactly (quoting a number, unquoting a boolean).

import { defineRule } from '../../server/src/engine';
import type { Edit, Node } from '../../server/src/engine';
import { validate } from './validate';

const replace = (node: Node, text: string) => (): Edit[] => [{ offset: node.range![0], length: node.range![1] - node.range![0], text }];

export default defineRule({
  id: 'schema-wrong-type',
  meta: {
    title: 'Values must have the type the API declares',
    description: 'A string where the API wants an integer or a boolean, a number where it wants a string, or a malformed resource quantity is rejected by the API server.',
    category: 'schema',
    severity: 'error',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['*'],
    scope: 'document',
    fix: 'safe',
    messages: {
      wrongType: '"{field}" must be {type}, not {value}',
      notQuantity: '"{field}" must be a resource quantity such as 512Mi or 500m, not {value}',
    },
    hint: 'Quote numbers and booleans that are meant as strings (label values, env values); leave integers and booleans unquoted.',
  },
  fixTitles: { wrongType: 'Write "{field}" as {type}' },
  check(ctx) {
    const validation = validate(ctx.resource, ctx.file, ctx.minor, ctx.partial);
    for (const issue of validation?.issues ?? []) {
      if (issue.type !== 'type' || !issue.node.range) continue;
      const { node, field, problem } = issue;
      const messageId = problem.expected === 'a resource quantity' ? 'notQuantity' : 'wrongType';
      const data = { field, type: problem.expected, value: problem.actual };
      const fix = problem.fix === undefined ? undefined : replace(node, problem.fix);
      const suggestions = problem.guess === undefined ? undefined : [{ title: `Use ${problem.guess} (assumes the unit meant)`, fix: replace(node, problem.guess) }];
      ctx.report({ node, messageId, data, fix, suggestions });
    }
  },
});
