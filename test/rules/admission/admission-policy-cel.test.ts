import { ruleTester } from '../../helpers/rule-tester';

const policy = (spec: string, apiVersion = 'admissionregistration.k8s.io/v1') => `apiVersion: ${apiVersion}
kind: ValidatingAdmissionPolicy
metadata:
  name: replicas
spec:
${spec}`;

ruleTester('admission-policy-cel', {
  valid: [
    {
      name: 'every root variable',
      code: policy(
        `  validations:\n  - expression: "object.spec.replicas <= 5 && oldObject == null && request.operation == 'CREATE' && params.max > 0 && namespaceObject.metadata.name != '' && authorizer.group('').resource('pods').check('get').allowed()"\n`,
      ),
    },
    {
      name: 'macro variables are bound',
      code: policy(`  validations:\n  - expression: object.spec.containers.all(c, c.image.startsWith('r/')) && object.spec.containers.exists_one(x, x.name == 'a')\n`),
    },
    {
      name: 'declared policy variables',
      code: policy(
        `  variables:\n  - name: images\n    expression: object.spec.containers.map(c, c.image)\n  validations:\n  - expression: variables.images.all(i, i != '')\n    messageExpression: "'bad: ' + string(variables.images)"\n`,
      ),
    },
    { name: 'type names and library namespaces', code: policy(`  validations:\n  - expression: type(object.spec.replicas) == int && sets.contains([1], [1]) && optional.of(1).hasValue()\n`) },
    {
      name: 'the IP, CIDR and quantity libraries: ip.isCanonical and the type names net.IP, kubernetes.Quantity',
      code: policy(
        `  validations:\n  - expression: "ip.isCanonical(object.spec.clusterIP) && type(ip(object.spec.clusterIP)) == net.IP && type(quantity('1')) == kubernetes.Quantity && type(optional.none()) == optional_type"\n`,
      ),
    },
    { name: 'a block scalar', code: policy(`  matchConditions:\n  - name: not-system\n    expression: |\n      !request.userInfo.username.startsWith('system:')\n`) },
    {
      name: 'two-variable comprehensions and sortBy',
      code: policy(`  validations:\n  - expression: object.metadata.labels.all(k, v, k != '' && v != '') && object.spec.containers.transformList(i, c, c.name).sortBy(n, n).size() > 0\n`),
    },
    { name: 'optional selection, which the parser does not read', code: policy(`  validations:\n  - expression: object.metadata.?labels['app'].orValue('') != ''\n`) },
    { name: 'a Helm template', code: policy(`  validations:\n  - expression: "{{ .Values.expression }}"\n`) },
    { name: 'v1beta1', code: policy(`  validations:\n  - expression: object.spec.replicas < 3\n`, 'admissionregistration.k8s.io/v1beta1') },
    { name: 'another API group', code: policy(`  validations:\n  - expression: "foo +"\n`, 'example.com/v1') },
  ],
  invalid: [
    {
      name: 'an unknown name in a two-variable comprehension',
      code: policy(`  validations:\n  - expression: object.metadata.labels.all(k, v, k != bad)\n`),
      errors: [{ messageId: 'unknownVariable', line: 7, column: 55, endColumn: 58 }],
      output: null,
    },
    {
      name: 'a syntax error in a plain scalar',
      code: policy(`  validations:\n  - expression: object.spec.replicas <= \n`),
      errors: [{ messageId: 'syntax', line: 7, column: 38, endColumn: 39 }],
      output: null,
    },
    {
      name: 'an unknown root variable in a double-quoted scalar with escapes',
      code: policy(`  validations:\n  - expression: "object.metadata.name == \\"a\\" && obj.spec.x"\n`),
      errors: [{ messageId: 'unknownVariable', line: 7, column: 51, endColumn: 54 }],
      output: null,
    },
    {
      name: 'in a single-quoted scalar with a doubled quote',
      code: policy(`  validations:\n  - expression: 'object.metadata.name == ''it'' || requst.dryRun'\n`),
      errors: [{ messageId: 'unknownVariable', line: 7, column: 52, endColumn: 58 }],
      output: null,
    },
    {
      name: 'on the second line of a folded plain scalar',
      code: policy(`  validations:\n  - expression: object.spec.replicas <= 5 &&\n      objct.spec.paused\n`),
      errors: [{ messageId: 'unknownVariable', line: 8, column: 7, endColumn: 12 }],
      output: null,
    },
    {
      name: 'inside a literal block scalar',
      code: policy(`  validations:\n  - expression: |\n      object.spec.containers.all(c,\n        c.name != forbidden)\n`),
      errors: [{ messageId: 'unknownVariable', line: 9, column: 19, endColumn: 28 }],
      output: null,
    },
    {
      name: 'inside a folded block scalar',
      code: policy(`  validations:\n  - expression: >-\n      object.spec.replicas\n      <= 5 +\n`),
      errors: [{ messageId: 'syntax', line: 9, column: 12, endColumn: 13 }],
      output: null,
    },
    {
      name: 'an undeclared policy variable in messageExpression, matchConditions and auditAnnotations',
      code: policy(
        `  variables:\n  - name: ok\n    expression: object.spec\n  matchConditions:\n  - name: m\n    expression: variable.x\n  validations:\n  - expression: variables.ok != null\n    messageExpression: "'x' + variables.nope"\n  auditAnnotations:\n  - key: a\n    valueExpression: req.name\n`,
      ),
      errors: [
        { messageId: 'unknownVariable', line: 11, column: 17, endColumn: 25 },
        { messageId: 'unknownPolicyVariable', line: 14, column: 41, endColumn: 45 },
        { messageId: 'unknownVariable', line: 17, column: 22, endColumn: 25 },
      ],
      output: null,
    },
    {
      name: 'an escape before the error falls on the right character (v1alpha1)',
      code: policy(`  validations:\n  - expression: "'\\u00e9t\\u00e9' == bad"\n`, 'admissionregistration.k8s.io/v1alpha1'),
      errors: [{ messageId: 'unknownVariable', line: 7, column: 37, endColumn: 40 }],
      output: null,
    },
  ],
});
