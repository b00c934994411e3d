// The seed article's MutatingWebhookConfiguration as written (../shared/seed): capitalised keys,
// typographic quotes, tab indentation under clientConfig and a misindented caBundle.

export const seedWebhook = `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
 name: run-as-non-root
Webhooks:
- admissionReviewVersions:
  - v1
  name: run-as-non-root.example.com
  rules:
  - apiGroups: [\u201c\u201d]
    apiVersions: [\u201cv1\u201d]
    operations: [\u201cCREATE\u201d]
    resources: [\u201cpods\u201d]
    failurePolicy: Fail
    clientConfig:
\tservice:
\t  name: run-as-non-root-webhook
\t  namespace: kube-system
\t  Path: \u201c/mutate\u201d
     caBundle: \${CA_BUNDLE}
  sideEffects: None
`;

/**
 * The same webhook with its layout repaired as its author meant it: lower-case keys, straight quotes,
 * spaces, and failurePolicy, clientConfig and caBundle where the API reads them.
 */
export const repairedSeedWebhook = `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: run-as-non-root
webhooks:
- admissionReviewVersions:
  - v1
  name: run-as-non-root.example.com
  rules:
  - apiGroups: [""]
    apiVersions: ["v1"]
    operations: ["CREATE"]
    resources: ["pods"]
  failurePolicy: Fail
  clientConfig:
    service:
      name: run-as-non-root-webhook
      namespace: kube-system
      path: "/mutate"
    caBundle: \${CA_BUNDLE}
  sideEffects: None
`;
