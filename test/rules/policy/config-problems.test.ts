// The custom rules of `.kube-harden.yaml` as the config file's diagnostics: schema errors, taken
// ids, and CEL errors at their exact character whatever the YAML style of the expression.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfigFileText } from '../../../rules';

/** Each problem as `message @ "text it marks"`. */
function problems(text: string): string[] {
  return loadConfigFileText(text).problems.map((p) => `${p.message} @ ${JSON.stringify(text.slice(p.offset, p.offset + p.length))}`);
}

const rule = (expression: string) => `customRules:\n  - id: r\n    expression: ${expression}\n`;

describe('CEL errors at their character, for each YAML scalar style', () => {
  const cases: Array<{ style: string; text: string; found: string[] }> = [
    { style: 'plain', text: rule('object.spec.x == nope'), found: ['expression: undeclared reference to \'nope\' (the variables are object, namespaceObject) @ "nope"'] },
    { style: 'single-quoted', text: rule("'object.metadata.name == ''a'' && bogus(1)'"), found: ['expression: unknown function \'bogus\' @ "bogus"'] },
    { style: 'double-quoted', text: rule('"object.metadata.name == \\"a\\" && nope"'), found: ['expression: undeclared reference to \'nope\' (the variables are object, namespaceObject) @ "nope"'] },
    {
      style: 'double-quoted with \\t and \\u escapes',
      text: rule('"\\u0027x\\u0027\\t== nope"'),
      found: ['expression: undeclared reference to \'nope\' (the variables are object, namespaceObject) @ "nope"'],
    },
    {
      style: 'literal block',
      text: 'customRules:\n  - id: r\n    expression: |\n      object.spec.replicas > 1 &&\n        nope\n',
      found: ['expression: undeclared reference to \'nope\' (the variables are object, namespaceObject) @ "nope"'],
    },
    {
      style: 'folded block',
      text: 'customRules:\n  - id: r\n    expression: >-\n      object.spec.replicas > 1\n      && nope\n',
      found: ['expression: undeclared reference to \'nope\' (the variables are object, namespaceObject) @ "nope"'],
    },
    {
      style: 'multi-line plain',
      text: 'customRules:\n  - id: r\n    expression: object.spec.replicas\n      > nope\n',
      found: ['expression: undeclared reference to \'nope\' (the variables are object, namespaceObject) @ "nope"'],
    },
    // The parser reports where its longest match ended: after `object`, not at the `(`.
    { style: 'syntax error in plain', text: rule('object.spec.(x'), found: ['expression: syntax error: found . but expecting end of input @ "."'] },
    { style: 'syntax error in single quotes', text: rule("'a == ''b'' &&& c'"), found: ['expression: syntax error: found & but expecting end of input @ "&"'] },
    { style: 'constant operands of the wrong type', text: rule('"object.spec.x == \'a\' + 1"'), found: ["expression: found no matching overload for '_+_' applied to '(string, int)' @ \"+\""] },
    {
      style: 'messageExpression',
      text: "customRules:\n  - id: r\n    expression: 'true'\n    messageExpression: \"'x' + nope\"\n",
      found: ['messageExpression: undeclared reference to \'nope\' (the variables are object, namespaceObject) @ "nope"'],
    },
  ];
  for (const c of cases) test(c.style, () => assert.deepEqual(problems(c.text), c.found));

  test('a valid rule has no problem', () => {
    assert.deepEqual(problems(rule('"has(object.metadata.labels) && \'team\' in object.metadata.labels"')), []);
  });
});

describe('config validation', () => {
  test('a rule without expression, an unknown field, a wrong severity', () => {
    const text = 'customRules:\n  - id: a\n    severity: fatal\n    expression: "true"\n  - id: b\n  - id: c\n    expresion: "true"\n';
    const found = problems(text);
    assert.ok(
      found.some((p) => p.startsWith('customRules.0.severity: must be one of error, warning, info, hint @ "fatal"')),
      found.join('\n'),
    );
    assert.ok(
      found.some((p) => p.startsWith("customRules.1: must have required property 'expression'")),
      found.join('\n'),
    );
    assert.ok(
      found.some((p) => p.startsWith('customRules.2: unknown setting "expresion"')),
      found.join('\n'),
    );
    // The valid rules are kept: one typo does not switch the others off.
    assert.deepEqual(
      loadConfigFileText('customRules:\n  - id: ok\n    expression: "true"\n  - id: Bad Id\n    expression: "true"\n').config.customRules?.map((r) => r.id),
      ['ok'],
    );
  });
  test('ids: a built-in rule, twice the same', () => {
    assert.deepEqual(problems('customRules:\n  - id: run-as-non-root\n    expression: "true"\n  - id: x\n    expression: "true"\n  - id: x\n    expression: "true"\n'), [
      'customRules: "run-as-non-root" is the id of a built-in rule; give the custom rule another @ "run-as-non-root"',
      'customRules: a rule "x" is defined above; this one is not checked @ "x"',
    ]);
  });
});

describe('the Kubernetes CEL libraries in custom rules', () => {
  test('their functions and type names are known', () => {
    assert.deepEqual(problems(rule("\"quantity(object.spec.x).isLessThan(quantity('1Gi')) && type(ip('10.0.0.1')) == net.IP && sets.contains([1], [1])\"")), []);
  });
  test('a function kube-harden does not implement cannot be evaluated offline, marked at its name', () => {
    assert.deepEqual(problems(rule('"object.spec.items.slice(0, 1).size() == 1"')), [
      'expression: \'slice\' cannot be evaluated offline: a function of the lists (cel-go ext) library that kube-harden does not implement @ "slice"',
    ]);
    assert.deepEqual(problems(rule('"base64.decode(object.spec.data).size() > 0"')), [
      'expression: \'base64.decode\' cannot be evaluated offline: a function of the base64 (cel-go ext encoders) library that kube-harden does not implement @ "base64.decode"',
    ]);
  });
});
