// Rule table for unsafe-sysctls (baseline `sysctls`): the cumulative allow-lists of 1.0, 1.27, 1.29,
// 1.32 and 1.37, exact names, and the suggestion (never a safe fix) that removes a sysctl.
import { ruleTester } from '../../helpers/rule-tester';

function pod(names: string[]): string {
  return `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    sysctls:
${names.map((n) => `    - name: ${n}\n      value: "1"`).join('\n')}
  containers:
  - name: app
    image: nginx
`;
}

const v1_0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];

ruleTester('unsafe-sysctls', {
  valid: [
    { name: 'the 1.0 list at 1.0', config: { kubernetesVersion: '1.0' }, code: pod(v1_0) },
    { name: 'ip_local_reserved_ports at 1.27', config: { kubernetesVersion: '1.27' }, code: pod(['net.ipv4.ip_local_reserved_ports']) },
    {
      name: 'the keepalive and fin_timeout sysctls at 1.29, and the older ones still',
      config: { kubernetesVersion: '1.29' },
      code: pod([
        'net.ipv4.tcp_keepalive_time',
        'net.ipv4.tcp_fin_timeout',
        'net.ipv4.tcp_keepalive_intvl',
        'net.ipv4.tcp_keepalive_probes',
        'net.ipv4.ip_local_reserved_ports',
        'kernel.shm_rmid_forced',
      ]),
    },
    { name: 'tcp_rmem and tcp_wmem at 1.32', config: { kubernetesVersion: '1.32' }, code: pod(['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']) },
    { name: 'tcp_slow_start_after_idle and tcp_notsent_lowat at 1.37', code: pod(['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat', ...v1_0]) },
    {
      name: 'a template expression is unknown, not a finding',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      securityContext:
        sysctls:
        - name: "{{ .Values.sysctl }}"
          value: "1"
      containers:
      - name: api
        image: api:1.0
`,
    },
    {
      name: 'container-level sysctls do not exist; values are never checked',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    sysctls:
    - {name: net.ipv4.ip_unprivileged_port_start, value: "0"}
  containers:
  - name: app
    image: nginx
    securityContext:
      sysctls:
      - name: kernel.msgmax
        value: "65536"
`,
    },
  ],
  invalid: [
    {
      name: 'ip_local_reserved_ports is not safe at 1.26; suggestion only',
      config: { kubernetesVersion: '1.26', podSecurityLevel: 'baseline' },
      code: pod(['net.ipv4.ip_local_reserved_ports', 'kernel.shm_rmid_forced']),
      errors: [{ messageId: 'unsafe', line: 9, column: 13, endColumn: 45 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'tcp_keepalive_time at 1.28 (ip_local_reserved_ports is safe there)',
      config: { kubernetesVersion: '1.28' },
      code: pod(['net.ipv4.tcp_keepalive_time', 'net.ipv4.ip_local_reserved_ports']),
      errors: [{ messageId: 'unsafe', line: 9, column: 13, endColumn: 40 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'tcp_wmem at 1.31',
      config: { kubernetesVersion: '1.31' },
      code: pod(['net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_wmem']),
      errors: [{ messageId: 'unsafe', line: 11, column: 13, endColumn: 30 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'tcp_notsent_lowat at 1.36',
      config: { kubernetesVersion: '1.36' },
      code: pod(['net.ipv4.tcp_rmem', 'net.ipv4.tcp_notsent_lowat']),
      errors: [{ messageId: 'unsafe', line: 11, column: 13, endColumn: 39 }],
      output: null,
      suggestions: true,
    },
    {
      name: 'Deployment: exact names only (slashes and case differ), flow items',
      code: `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      securityContext:
        sysctls:
          - {name: net/ipv4/tcp_syncookies, value: "1"}
          - {name: Kernel.Shm_Rmid_Forced, value: "1"}
          - {name: net.core.somaxconn, value: "1024"}
      containers:
        - name: api
          image: api:1.0
`,
      errors: [
        { messageId: 'unsafe', line: 11, column: 20, endColumn: 43 },
        { messageId: 'unsafe', line: 12, column: 20, endColumn: 42 },
        { messageId: 'unsafe', line: 13, column: 20, endColumn: 38 },
      ],
      output: null,
      suggestions: true,
    },
    {
      name: 'CronJob in a multi-document file',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  securityContext:
    sysctls:
    - name: kernel.shm_rmid_forced
      value: "1"
  containers:
  - name: app
    image: nginx
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          securityContext:
            sysctls:
            - name: kernel.msgmax
              value: "65536"
          containers:
          - name: job
            image: busybox
`,
      errors: [{ messageId: 'unsafe', line: 27, column: 21, endColumn: 34 }],
      output: null,
      suggestions: true,
    },
  ],
});
