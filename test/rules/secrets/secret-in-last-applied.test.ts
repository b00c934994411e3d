import { ruleTester } from '../../helpers/rule-tester';

const withAnnotation = (kind: string, json: string) => `
apiVersion: v1
kind: ${kind}
metadata:
  name: db
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '${json}'
    team: data
`;

ruleTester('secret-in-last-applied', {
  valid: [
    { name: 'a Secret recorded without values', code: withAnnotation('Secret', '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"}}') },
    { name: 'a Secret recorded with empty values', code: withAnnotation('Secret', '{"kind":"Secret","data":{"password":""}}') },
    { name: 'a ConfigMap recorded', code: withAnnotation('ConfigMap', '{"kind":"ConfigMap","data":{"a":"b"}}') },
    { name: 'not JSON', code: withAnnotation('Secret', 'not json') },
  ],
  invalid: [
    {
      name: 'a Secret with data, removed by the suggestion',
      code: withAnnotation('Secret', '{"apiVersion":"v1","kind":"Secret","data":{"password":"WnE4bGFzdGFwcGxpZWQ="}}'),
      errors: [{ messageId: 'carries', line: 7, column: 5 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'stringData',
      code: withAnnotation('Secret', '{"kind":"Secret","stringData":{"token":"Zq8laststring"}}'),
      errors: [{ messageId: 'carries', line: 7, column: 5 }],
      output: null,
      suggestions: true,
    },
  ],
});
