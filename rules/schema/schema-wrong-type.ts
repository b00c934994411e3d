// Schema: a value of the wrong type: `runAsUser: "1000"`, `privileged: "false"`, a label value `8080`,
// a memory limit of `512mb`. The API server rejects the manifest; the fix writes the value in the type
// the API wants when that keeps it exactly (quoting a number, unquoting a boolean).

import { defineRule } from '../../server/src/engine';
import type { Edit, Node } from '../../server/src/engine';
import { crdSchemas } from './crd-facts';
import { validate } from './validate';

const replace = (node: Node, text: string) => (): Edit[] => [{ offset: node.range![0], length: node.range![1] - node.range![0], text }];

export default defineRule({
  id: 'schema-wrong-type',
  meta: {
    title: 'Values must have the type the API declares',
    description:
      'A string where the API wants an integer or a boolean, a number where it wants a string, or a malformed resource quantity, or a value outside the enum of a custom resource is rejected by the API server.',
    category: 'schema',
    severity: 'error',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['*'],
    // A custom resource is checked against the CRD of its kind, which may be in another file.
    scope: 'workspace',
    reads: [crdSchemas],
    fix: 'safe',
    messages: {
      wrongType: '"{field}" must be {type}, not {value}',
      notQuantity: '"{field}" must be a resource quantity such as 512Mi or 500m, not {value}',
      notInEnum: '"{field}" must be {type}, not {value}',
    },
    hint: 'Quote numbers and booleans that are meant as strings (label values, env values); leave integers and booleans unquoted.',
  },
  fixTitles: { wrongType: 'Write "{field}" as {type}', notInEnum: 'Write "{field}" in the letter case the schema declares' },
  check(ctx) {
    const validation = validate(ctx.resource, ctx.file, ctx.minor, ctx.partial, ctx.workspace);
    for (const issue of validation?.issues ?? []) {
      if (issue.type !== 'type' || !issue.node.range) continue;
      const { node, field, problem } = issue;
      const messageId = problem.expected === 'a resource quantity' ? 'notQuantity' : problem.expected.startsWith('one of ') ? 'notInEnum' : 'wrongType';
      const data = { field, type: problem.expected, value: problem.actual };
      const fix = problem.fix === undefined ? undefined : replace(node, problem.fix);
      const assumed = messageId === 'notInEnum' ? 'assumes the value meant' : 'assumes the unit meant';
      const suggestions = problem.guess === undefined ? undefined : [{ title: `Use ${problem.guess} (${assumed})`, fix: replace(node, problem.guess) }];
      ctx.report({ node, messageId, data, fix, suggestions });
    }
  },
});
