import { ruleTester } from '../../helpers/rule-tester';

const admission = (body: string) =>
  `apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n  - name: PodSecurity\n    configuration:\n      apiVersion: pod-security.admission.config.k8s.io/v1\n      kind: PodSecurityConfiguration\n${body}`;
const standalone = (body: string) => `apiVersion: pod-security.admission.config.k8s.io/v1beta1\nkind: PodSecurityConfiguration\n${body}`;

ruleTester('pod-security-admission-config', {
  valid: [
    {
      name: 'every default and exemption',
      code: admission(
        '      defaults:\n        enforce: baseline\n        enforce-version: latest\n        audit: restricted\n        audit-version: v1.30\n        warn: restricted\n        warn-version: latest\n      exemptions:\n        usernames: [system:serviceaccount:ci:builder]\n        runtimeClasses: [kata]\n        namespaces: [kube-system, monitoring]\n',
      ),
    },
    { name: 'a standalone PodSecurityConfiguration', code: standalone('defaults:\n  enforce: restricted\n') },
    {
      name: 'a plugin configured by path',
      code: 'apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n  - name: PodSecurity\n    path: /etc/kubernetes/pod-security.yaml\n',
    },
    {
      name: 'other plugins are not read',
      code: 'apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n  - name: EventRateLimit\n    configuration:\n      defaults: {enforce: nonsense}\n',
    },
    { name: 'templated values', code: admission('      defaults:\n        enforce: "{{ .Values.level }}"\n        enforce-version: "${PSA_VERSION}"\n') },
  ],
  invalid: [
    { name: 'a misspelt level', code: admission('      defaults:\n        enforce: basline\n'), errors: [{ messageId: 'level', line: 9, column: 18, endColumn: 25 }], output: null, suggestions: true },
    { name: 'a version without its v', code: standalone('defaults:\n  warn-version: "1.30"\n'), errors: [{ messageId: 'version', line: 4, column: 17 }], output: null, suggestions: true },
    { name: 'no level near it', code: standalone('defaults:\n  audit: strict\n'), errors: [{ messageId: 'level', line: 4, column: 10 }], output: null },
    {
      name: 'unknown keys',
      code: admission('      defaults:\n        enforce_version: latest\n      exemptions:\n        users: [admin]\n'),
      errors: [
        { messageId: 'unknownKey', line: 9, column: 9, endColumn: 24 },
        { messageId: 'unknownKey', line: 11, column: 9, endColumn: 14 },
      ],
      output: null,
    },
    {
      name: 'invalid and duplicate exempt namespaces',
      code: admission('      exemptions:\n        namespaces: [kube-system, Kube_System, kube-system]\n'),
      errors: [
        { messageId: 'namespace', line: 9, column: 35 },
        { messageId: 'duplicate', line: 9, column: 48 },
      ],
      output: null,
    },
    {
      name: 'an unknown configuration version',
      code: admission('').replace('admission.config.k8s.io/v1', 'admission.config.k8s.io/v2'),
      errors: [{ messageId: 'apiVersion', line: 6, column: 19 }],
      output: null,
    },
  ],
});
