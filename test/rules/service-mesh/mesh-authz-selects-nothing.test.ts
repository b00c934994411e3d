import { ruleTester } from '../../helpers/rule-tester';
import { authz, deployment, docs } from './fixtures';

const selecting = (app: string, namespace = 'shop') => authz(`  selector:\n    matchLabels:\n      app: ${app}\n`, namespace);

ruleTester('mesh-authz-selects-nothing', {
  valid: [
    { name: 'selects the workload', code: docs(deployment(), selecting('web')) },
    { name: 'no workload of the namespace in the workspace', code: selecting('web') },
    { name: 'no selector', code: docs(deployment(), authz('  action: ALLOW\n')) },
    { name: 'a root-namespace selector matches workloads of every namespace', code: docs(deployment(), selecting('web', 'istio-system')) },
    { name: 'templated labels', code: docs(deployment('web', 'shop', 'app: "{{ .Values.app }}"'), selecting('api')) },
  ],
  invalid: [{ name: 'a label typo', code: docs(deployment(), selecting('wbe')), errors: [{ messageId: 'selectsNothing', line: 22, column: 3, endColumn: 11 }], output: null }],
});
