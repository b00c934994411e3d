// Two overlays of one hardened base, for the rendered check: `prod` makes the container privileged with
// a strategic-merge patch and removes `runAsNonRoot` with a JSON 6902 operation (neither file alone
// shows a missing field); `staging` only renames and scales, so its rendering adds nothing.

export const overlayFiles: Record<string, string> = {
  'base/kustomization.yaml': `resources:
  - deployment.yaml
  - network-policy.yaml
`,
  'base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: app
          image: nginxinc/nginx-unprivileged:1.27
          securityContext:
            allowPrivilegeEscalation: false
            capabilities:
              drop: ["ALL"]
`,
  'base/network-policy.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Ingress, Egress]
`,
  'overlays/prod/kustomization.yaml': `resources:
  - ../../base
namePrefix: prod-
patches:
  - path: privileged.yaml
  - path: remove-non-root.yaml
    target:
      kind: Deployment
      name: web
`,
  'overlays/prod/privileged.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          securityContext:
            privileged: true
`,
  'overlays/prod/remove-non-root.yaml': `- op: replace
  path: /spec/replicas
  value: 3
- op: remove
  path: /spec/template/spec/securityContext/runAsNonRoot
`,
  'overlays/staging/kustomization.yaml': `resources:
  - ../../base
nameSuffix: -staging
replicas:
  - name: web
    count: 2
`,
};

/** 1-based lines the prod overlay's findings must land on. */
export const prodLines = { privileged: 11, removeOp: 4 };
