import { ruleTester } from '../../helpers/rule-tester';

const policy = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
    - from:
        - podSelector: {}
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: app
          image: nginx
          ports:
            - containerPort: 8080
`;

ruleTester('network-ingress-isolation', {
  valid: [
    { name: 'a policy in the same file selects it', code: deployment + policy },
    { name: 'a default-deny policy isolates every pod', code: deployment + '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {}}\n' },
    { name: 'templated labels are unknown', code: deployment.replace('app: web', 'app: "{{ .Values.app }}"') },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}}\n' },
    { name: 'suppressed by annotation', code: deployment.replace('  name: web\n', '  name: web\n  annotations:\n    ignore.kube-harden.io/network-ingress-isolation: "mesh policy"\n') },
  ],
  invalid: [
    { name: 'a Deployment without any policy', code: deployment, errors: [{ messageId: 'notIsolated', line: 4, column: 9, endColumn: 12 }], output: null, suggestions: true },
    {
      name: 'a Pod, a CronJob and an egress-only policy in a multi-document file',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: one
  labels: {app: one}
spec:
  containers: [{name: c, image: x}]
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: two
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {app: two}
        spec:
          containers: [{name: c, image: x}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-only
spec:
  podSelector: {}
  policyTypes: [Egress]
`,
      errors: [
        { messageId: 'notIsolated', line: 4, column: 9 },
        { messageId: 'notIsolated', line: 12, column: 9 },
      ],
      output: null,
      suggestions: true,
    },
  ],
});
