import { ruleTester } from '../../helpers/rule-tester';

const v = (kubernetesVersion: string) => ({ kubernetesVersion });

const oldDeployment = `apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
        tier: front
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

const cronJob = `apiVersion: "batch/v1beta1" # moved in 1.21
kind: CronJob
metadata:
  name: report
  namespace: jobs
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: report
            image: report:1
`;

const namespace = (version: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: jobs
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: ${version}
---
`;

const ingress = `apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata:
  name: shop
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        backend:
          serviceName: shop
          servicePort: 80
`;

ruleTester('removed-api-version', {
  valid: [
    { name: 'the current API version', code: oldDeployment.replace('extensions/v1beta1', 'apps/v1') },
    { name: 'served at the target (1.15)', code: oldDeployment, config: v('1.15') },
    { name: 'PodSecurityPolicy until 1.24', code: 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: p\nspec: {}\n', config: v('1.24') },
    { name: "the namespace's enforce-version is older than the removal", code: namespace('v1.24') + cronJob },
    { name: 'cert-manager versions follow its own releases', code: 'apiVersion: certmanager.k8s.io/v1alpha1\nkind: Certificate\nmetadata:\n  name: c\n' },
    { name: 'not Kubernetes', code: 'apiVersion: extensions/v1beta1\nkinds: Deployment\n' },
  ],
  invalid: [
    {
      name: 'extensions/v1beta1 Deployment: apps/v1 with the selector the old API defaulted to',
      code: oldDeployment,
      errors: [{ messageId: 'removed', line: 1, column: 13, endColumn: 31 }],
      output: oldDeployment.replace('extensions/v1beta1', 'apps/v1') + '  selector:\n    matchLabels:\n      app: web\n      tier: front\n',
    },
    {
      name: 'a quoted apiVersion keeps its quotes and comment (CronJob at 1.25)',
      code: cronJob,
      config: v('1.25'),
      errors: [{ messageId: 'removed', line: 1, column: 13, endColumn: 28 }],
      output: cronJob.replace('"batch/v1beta1"', '"batch/v1"'),
    },
    {
      name: "the namespace's enforce-version rules over the setting",
      code: namespace('v1.25') + cronJob,
      config: v('1.20'),
      errors: [{ messageId: 'removed', line: 9, column: 13 }],
      output: namespace('v1.25') + cronJob.replace('"batch/v1beta1"', '"batch/v1"'),
    },
    {
      name: 'PodSecurityPolicy has no successor: no fix',
      code: 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: restricted\nspec:\n  privileged: false\n',
      config: v('1.25'),
      errors: [{ messageId: 'removedNoReplacement', line: 1, column: 13 }],
      output: null,
    },
    {
      name: 'Ingress backends change shape in v1: a suggestion that says so, no safe fix',
      code: ingress,
      errors: [{ messageId: 'removed', line: 1, column: 13 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'without template labels the selector cannot be built: a suggestion',
      code: 'apiVersion: apps/v1beta1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  template:\n    spec:\n      containers:\n      - {name: db, image: postgres:17}\n',
      errors: [{ messageId: 'removed', line: 1, column: 13 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'multi-document: only the removed one, its selector kept',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: apps/v1beta2\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      containers: [{name: agent, image: agent:1}]\n',
      errors: [{ messageId: 'removed', line: 6, column: 13 }],
      output:
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      containers: [{name: agent, image: agent:1}]\n',
    },
  ],
});
