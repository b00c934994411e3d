// Webhook configurations for the admission rule tables: one webhook named demo.example.com (line 6,
// its name at column 11) whose other fields are given as text at its indentation (four spaces).

export interface ConfigOptions {
  kind?: string;
  apiVersion?: string;
  /** Lines under `metadata:` after the name, e.g. annotations (two-space indentation). */
  metadata?: string;
}

export function webhookConfig(body: string, options: ConfigOptions = {}): string {
  const { kind = 'ValidatingWebhookConfiguration', apiVersion = 'admissionregistration.k8s.io/v1', metadata = '' } = options;
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: demo\n${metadata}webhooks:\n  - name: demo.example.com\n${body}`;
}

/** Settings that no rule reports on their own. */
export const quiet = '    admissionReviewVersions: ["v1"]\n    sideEffects: None\n';

export const podRule = '    rules:\n      - apiGroups: [""]\n        apiVersions: ["v1"]\n        operations: ["CREATE"]\n        resources: ["pods"]\n';

export const deploymentRule = '    rules:\n      - apiGroups: ["apps"]\n        apiVersions: ["v1"]\n        operations: ["CREATE", "UPDATE"]\n        resources: ["deployments"]\n';

export function serviceConfig(namespace: string, name = 'demo-webhook', extra = ''): string {
  return `    clientConfig:\n      service:\n        name: ${name}\n        namespace: ${namespace}\n${extra}`;
}

export function service(namespace: string | null, name = 'demo-webhook', ports: number[] = [443]): string {
  const ns = namespace === null ? '' : `\n  namespace: ${namespace}`;
  return `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}${ns}\nspec:\n  selector: {app: demo}\n  ports:\n${ports.map((p) => `    - port: ${p}\n      targetPort: 8443\n`).join('')}`;
}
