// The ValidatingAdmissionPolicy and binding that keep what a PodSecurityPolicy enforced beyond its
// Pod Security level, bound to the namespaces it governed. The API version is the one the target
// Kubernetes serves: v1 from 1.30, v1beta1 from 1.28, v1alpha1 from 1.26 (behind a feature gate).

import type { Migration } from './psp-migrate';

/** Every container of a pod, init and ephemeral ones included. */
export const containersExpression =
  'object.spec.containers + (has(object.spec.initContainers) ? object.spec.initContainers : []) + (has(object.spec.ephemeralContainers) ? object.spec.ephemeralContainers : [])';

export function admissionApiVersion(minor: number): string | undefined {
  if (minor >= 30) return 'admissionregistration.k8s.io/v1';
  if (minor >= 28) return 'admissionregistration.k8s.io/v1beta1';
  if (minor >= 26) return 'admissionregistration.k8s.io/v1alpha1';
  return undefined;
}

const quoted = (text: string) => JSON.stringify(text);

/** The two documents (`---` between them), or undefined when there is nothing to enforce or no API to do it with. */
export function policyText(m: Pick<Migration, 'policy' | 'beyond' | 'minor' | 'namespaces'>): string | undefined {
  const apiVersion = admissionApiVersion(m.minor);
  const validations = m.beyond.filter((c) => c.expression);
  if (!apiVersion || validations.length === 0) return undefined;
  const name = `psp-${m.policy}`;
  const checks = validations.map((c) => `  - expression: ${quoted(c.expression!)}\n    message: ${quoted(`PodSecurityPolicy ${m.policy} required ${c.text}`)}\n`).join('');
  const policy = [
    `apiVersion: ${apiVersion}`,
    'kind: ValidatingAdmissionPolicy',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  failurePolicy: Fail',
    '  matchConstraints:',
    '    resourceRules:',
    '    - apiGroups: [""]',
    '      apiVersions: ["v1"]',
    '      operations: ["CREATE", "UPDATE"]',
    '      resources: ["pods"]',
    '  variables:',
    '  - name: containers',
    `    expression: ${quoted(containersExpression)}`,
    '  validations:',
  ].join('\n');
  const selector = m.namespaces.length
    ? `  matchResources:\n    namespaceSelector:\n      matchExpressions:\n      - key: kubernetes.io/metadata.name\n        operator: In\n        values: [${m.namespaces.map(quoted).join(', ')}]\n`
    : '';
  const binding = `apiVersion: ${apiVersion}\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: ${name}\nspec:\n  policyName: ${name}\n  validationActions: [Deny]\n${selector}`;
  return `${policy}\n${checks}---\n${binding}`;
}
