import { ruleTester } from '../../helpers/rule-tester';
import { allowList, seed } from './profiles';

const pod = (profile: string, type = 'Localhost') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: audit-pod\nspec:\n  securityContext:\n    seccompProfile:\n      type: ${type}\n      localhostProfile: ${profile}\n  containers:\n  - name: app\n    image: hashicorp/http-echo:1.0\n`;

/** A workspace that keeps its profiles: `seccomp/profiles/audit.json`, and the seed's profile. */
const files = { '/ws/seccomp/profiles/audit.json': allowList(['open']), '/ws/seccomp/my-profile.json': seed };
const path = '/ws/apps/pod.yaml';

ruleTester('seccomp-localhost-profile-missing', {
  valid: [
    { name: 'the file ends with the path', code: pod('profiles/audit.json'), files, path },
    { name: 'a `./` step is no segment', code: pod('./profiles/audit.json'), files, path },
    { name: 'the seed profile, broken JSON and all, is a file of the workspace', code: pod('my-profile.json'), files, path },
    {
      name: 'a workspace without profile files: they are installed by other means',
      code: pod('profiles/violation.json'),
      files: { '/ws/other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' },
      path,
    },
    { name: 'checked alone (the CLI on a single file)', code: pod('profiles/violation.json') },
    { name: 'the Security Profiles Operator installs operator/…', code: pod('operator/default/audit.json'), files, path },
    { name: 'absolute: seccomp-localhost-profile reports it', code: pod('/path/to/my-profile.json'), files, path },
    { name: 'leaving the root: seccomp-localhost-profile reports it', code: pod('../audit.json'), files, path },
    { name: 'templated', code: pod('"{{ .Values.profile }}"'), files, path },
    { name: 'not type Localhost: the kubelet does not read it', code: pod('profiles/violation.json', 'RuntimeDefault'), files, path },
  ],
  invalid: [
    {
      name: 'a profile no file of the workspace is',
      code: pod('profiles/violation.json'),
      files,
      path,
      errors: [{ messageId: 'missing', line: 9, column: 25, endColumn: 48 }],
      output: null,
    },
    {
      name: 'matched by whole segments: my-audit.json is not audit.json',
      code: pod('audit.json'),
      files: { '/ws/seccomp/my-audit.json': allowList(['open']) },
      path,
      errors: [{ messageId: 'missing', line: 9, column: 25 }],
      output: null,
    },
    {
      name: 'a Deployment and a CronJob, pod and container, in a multi-document file',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        seccompProfile: {type: Localhost, localhostProfile: profiles/web.json}
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          seccompProfile:
            type: Localhost
            localhostProfile: profiles/audit.json
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: job
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: task
            image: busybox:1.36
            securityContext:
              seccompProfile:
                type: Localhost
                localhostProfile: task.json
`,
      files,
      path,
      errors: [
        { messageId: 'missing', line: 9, column: 61 },
        { messageId: 'missing', line: 34, column: 35 },
      ],
      output: null,
    },
  ],
});
