// The admission family on whole manifests: the seed article's webhook gets the findings it deserves;
// webhook configurations as istio, cert-manager and ingress-nginx ship them get none; and the
// namespace-exclusion suggestion writes exactly the expected selector.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, check, mergeConfig, parseManifest } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { repairedSeedWebhook } from '../../helpers/seed-webhook';

const admission = rules.filter((r) => r.meta.category === 'admission');
const everything = Object.fromEntries(admission.map((r) => [r.id, r.meta.severity]));

function findings(text: string) {
  return check(text, { config: mergeConfig({ rules: everything }), rules: admission }).findings.map((f) => `${f.ruleId}: ${f.message}`);
}

const istioInjector = `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: istio-sidecar-injector
webhooks:
- name: namespace.sidecar-injector.istio.io
  clientConfig:
    service:
      name: istiod
      namespace: istio-system
      path: "/inject"
      port: 443
    caBundle: ""
  sideEffects: None
  rules:
  - operations: [ "CREATE" ]
    apiGroups: [""]
    apiVersions: ["v1"]
    resources: ["pods"]
  failurePolicy: Fail
  reinvocationPolicy: "Never"
  admissionReviewVersions: ["v1beta1", "v1"]
  namespaceSelector:
    matchExpressions:
    - key: istio-injection
      operator: In
      values:
      - enabled
  objectSelector:
    matchExpressions:
    - key: sidecar.istio.io/inject
      operator: NotIn
      values:
      - "false"
---
apiVersion: v1
kind: Service
metadata:
  name: istiod
  namespace: istio-system
spec:
  selector: {app: istiod}
  ports:
  - {name: https-webhook, port: 443, targetPort: 15017}
`;

const certManager = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: cert-manager-webhook
  annotations:
    cert-manager.io/inject-ca-from-secret: "cert-manager/cert-manager-webhook-ca"
webhooks:
  - name: webhook.cert-manager.io
    namespaceSelector:
      matchExpressions:
        - key: cert-manager.io/disable-validation
          operator: NotIn
          values:
            - "true"
    rules:
      - apiGroups:
          - "cert-manager.io"
          - "acme.cert-manager.io"
        apiVersions:
          - "v1"
        operations:
          - CREATE
          - UPDATE
        resources:
          - "*/*"
    admissionReviewVersions: ["v1"]
    timeoutSeconds: 30
    failurePolicy: Fail
    sideEffects: None
    clientConfig:
      service:
        name: cert-manager-webhook
        namespace: cert-manager
        path: /validate
---
apiVersion: v1
kind: Service
metadata:
  name: cert-manager-webhook
  namespace: cert-manager
spec:
  type: ClusterIP
  ports:
  - name: https
    port: 443
    protocol: TCP
    targetPort: "https"
  selector:
    app.kubernetes.io/name: webhook
`;

describe('admission rules on whole manifests', () => {
  test("the seed article's webhook: deadlock, placeholder caBundle, its Service elsewhere", () => {
    assert.deepEqual(findings(repairedSeedWebhook), [
      'webhook-fail-closed-deadlock: webhook "run-as-non-root.example.com" fails closed on pod creation in kube-system, where its own service runs, so its pods can never be recreated',
      'webhook-service-missing: webhook "run-as-non-root.example.com" calls Service kube-system/run-as-non-root-webhook, which no manifest of the workspace declares',
      'webhook-ca-bundle: caBundle of webhook "run-as-non-root.example.com" is an unexpanded placeholder, which kubectl apply sends as is',
    ]);
  });

  test('istio’s sidecar injector (opt-in namespaces, caBundle patched by istiod) has one finding, from the off-by-default rule', () => {
    assert.deepEqual(findings(istioInjector), ['webhook-ca-bundle-missing: caBundle of webhook "namespace.sidecar-injector.istio.io" is empty, and no annotation injects one']);
  });

  test('cert-manager’s webhook (its own CRDs, CA injected by annotation) has a long timeout while failing closed', () => {
    assert.deepEqual(findings(certManager), ['webhook-settings: webhook "webhook.cert-manager.io" fails closed after 30 seconds: every request it matches can wait that long']);
  });

  test('the exclusion suggestion writes a NotIn selector for kube-system and the own namespace', () => {
    const text = repairedSeedWebhook.replace('namespace: kube-system', 'namespace: hooks');
    const finding = check(text, { config: mergeConfig(), rules: admission }).findings.find((f) => f.ruleId === 'webhook-fail-closed-deadlock')!;
    assert.equal(finding.suggestions[0].title, 'Exclude kube-system and hooks from the webhook (assumes it need not see their pods)');
    const fixed = applyEdits(text, finding.suggestions[0].apply(parseManifest(text)));
    assert.equal(
      fixed,
      text.replace(
        '  sideEffects: None\n',
        '  sideEffects: None\n  namespaceSelector:\n    matchExpressions:\n    - {key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system, hooks]}\n',
      ),
    );
    assert.deepEqual(
      check(fixed, { config: mergeConfig(), rules: admission }).findings.filter((f) => f.ruleId === 'webhook-fail-closed-deadlock'),
      [],
    );
  });
});
