// Custom resources through the schema rules: the bundled Istio CRDs, and a CustomResourceDefinition
// in the same file (the workspace model of one file, as the rule tester checks it) with the
// structural-schema extensions: preserve-unknown-fields, int-or-string, additionalProperties,
// embedded resources, nullable and enum.

import { ruleTester } from '../../helpers/rule-tester';
import { widgetCrd } from './widget-crd';

const peerAuthentication = (mtls: string) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
${mtls}
`;

const widget = (spec: string) => `${widgetCrd()}---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
${spec}
`;

// The CRD, the separator and the Widget's head take 38 lines: the Widget's spec entries start on line 39.
const specLine = 39;

ruleTester('schema-unknown-field', {
  valid: [
    peerAuthentication('    mode: STRICT'),
    { name: 'a custom resource of a CRD nobody declares', code: 'apiVersion: example.org/v1\nkind: Gadget\nmetadata:\n  name: g\nspec:\n  anything: 1\n' },
    { name: 'preserve-unknown-fields keeps any key', code: widget('  size: 1\n  extra:\n    anything: {deep: [1]}\n  known:\n    replicas: 2\n    other: true') },
    { name: 'additionalProperties: any key', code: widget('  size: 1\n  labels:\n    Any-Key: "x"') },
    { name: 'an embedded resource has apiVersion, kind and metadata', code: widget('  size: 1\n  template:\n    apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: c}\n    data: {a: b}') },
    {
      name: 'a version the CRD does not declare is not checked',
      code: widget('  size: 1').replace('apiVersion: example.com/v1\nkind: Widget', 'apiVersion: example.com/v2\nkind: Widget') + 'status:\n  x: 1\n',
    },
    { name: 'a v1beta1 CRD keeps unknown fields unless it opts into pruning', code: widget('  size: 1\n  colour: red').replace('apiextensions.k8s.io/v1\n', 'apiextensions.k8s.io/v1beta1\n') },
  ],
  invalid: [
    {
      name: 'an Istio field misspelled: a suggestion (two letters swapped)',
      code: peerAuthentication('    mdoe: STRICT'),
      errors: [{ messageId: 'didYouMean', line: 8, column: 5, endColumn: 9 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'letter case in an Istio resource: a safe rename',
      code: peerAuthentication('    Mode: STRICT'),
      errors: [{ messageId: 'didYouMean', line: 8, column: 5 }],
      output: peerAuthentication('    mode: STRICT'),
    },
    {
      name: 'a field of a workspace CRD misspelled (its field is set too: no rename), and one it does not have',
      code: widget('  sise: 1\n  size: 2\n  colour: red'),
      errors: [
        { messageId: 'unknown', line: specLine, column: 3, endColumn: 7 },
        { messageId: 'unknown', line: specLine + 2, column: 3, endColumn: 9 },
      ],
      output: null,
    },
    {
      name: 'known fields beside preserved ones are still checked',
      code: widget('  size: 1\n  known:\n    replicas: 2\n    other: true\n  template:\n    apiVersion: v1\n    dat: {}'),
      errors: [{ messageId: 'unknown', line: specLine + 6, column: 5 }],
      output: null,
    },
  ],
});

ruleTester('schema-wrong-type', {
  valid: [
    { name: 'int-or-string takes both', code: widget('  size: 1\n  port: http') },
    { name: 'int-or-string takes both (integer)', code: widget('  size: 1\n  port: 8080\n  mode: Slow') },
    { name: 'nullable and null values are not judged', code: widget('  size: 1\n  note: null\n  mode:') },
    peerAuthentication('    mode: PERMISSIVE'),
  ],
  invalid: [
    {
      name: 'an Istio enum value misspelled: a suggestion',
      code: peerAuthentication('    mode: STRCT'),
      errors: [{ messageId: 'notInEnum', line: 8, column: 11, endColumn: 16 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'an enum value in the wrong letter case: a safe fix keeping the quotes',
      code: widget('  size: 1\n  mode: "fast"'),
      errors: [{ messageId: 'notInEnum', line: specLine + 1, column: 9 }],
      output: widget('  size: 1\n  mode: "Fast"'),
    },
    {
      name: 'a string where the CRD wants an integer, and a number in a map of strings',
      code: widget('  size: "3"\n  labels:\n    a: 1'),
      errors: [
        { messageId: 'wrongType', line: specLine, column: 9 },
        { messageId: 'wrongType', line: specLine + 2, column: 8 },
      ],
      output: widget('  size: 3\n  labels:\n    a: "1"'),
    },
    {
      name: 'int-or-string rejects a boolean',
      code: widget('  size: 1\n  port: true'),
      errors: [{ messageId: 'wrongType', line: specLine + 1, column: 9 }],
      output: null,
    },
  ],
});

const requiredNote = (spec: string) => widget(spec).replace('required: [size]', 'required: [size, note]');

ruleTester('schema-required-field', {
  valid: [
    widget('  size: 1'),
    { name: 'an Istio resource without spec fields it requires', code: peerAuthentication('    mode: STRICT') },
    { name: 'a nullable required field may be null', code: requiredNote('  size: 1\n  note: null') },
  ],
  invalid: [
    {
      name: 'null in a required field that is not nullable is pruned: the field is missing',
      code: requiredNote('  size: null\n  note: ~'),
      errors: [{ messageId: 'missing', line: specLine - 1, column: 1 }],
      output: null,
    },
    {
      name: 'a required field of the CRD, on the key of its owner',
      code: widget('  mode: Fast'),
      errors: [{ messageId: 'missing', line: specLine - 1, column: 1 }],
      output: null,
    },
  ],
});
