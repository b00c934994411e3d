// A Kustomize layout as teams keep one: a hardened base (Deployment, Service, NetworkPolicy), a
// component, and a `prod` overlay with patches of every kind — by path (benign, and one that sets
// privileged: true), strategic-merge, JSON 6902 and inline — and the transformers the issue lists.

export const privilegedPatch = 'overlays/prod/privileged.yaml';
/** 1-based line of `privileged: true` in the privileged patch. */
export const privilegedLine = 12;

export const kustomizeFiles: Record<string, string> = {
  'base/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
  - service.yaml
  - network-policy.yaml
`,
  'base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
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
        runAsUser: 101
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: app
          image: nginxinc/nginx-unprivileged:1.27
          ports:
            - containerPort: 8080
          securityContext:
            allowPrivilegeEscalation: false
            capabilities:
              drop: ["ALL"]
`,
  'base/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
`,
  'base/network-policy.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: frontend
      ports:
        - port: 8080
`,
  'components/debug/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
patches:
  - path: debug-port.yaml
`,
  'components/debug/debug-port.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          ports:
            - containerPort: 9090
`,
  // No apiVersion and kind: kustomize reads it by its file name alone.
  'overlays/prod/kustomization.yaml': `resources:
  - ../../base
components:
  - ../../components/debug
namePrefix: prod-
nameSuffix: -v1
namespace: prod
images:
  - name: nginxinc/nginx-unprivileged
    newTag: "1.27.1"
replacements:
  - path: replacements.yaml
patches:
  - path: replicas.yaml
  - path: privileged.yaml
  - target:
      kind: Deployment
      name: web
    patch: |-
      - op: replace
        path: /spec/replicas
        value: 4
patchesStrategicMerge:
  - memory.yaml
patchesJson6902:
  - target:
      group: apps
      version: v1
      kind: Deployment
      name: web
    path: json-patch.yaml
`,
  'overlays/prod/replicas.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: app
          resources:
            limits:
              memory: 512Mi
`,
  [privilegedPatch]: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          securityContext:
            # This overlay's debugging image needs it (it must not).
            privileged: true
`,
  'overlays/prod/memory.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          resources:
            requests:
              memory: 256Mi
`,
  'overlays/prod/json-patch.yaml': `- op: add
  path: /metadata/annotations
  value:
    team: web
`,
  // A replacement source file: input to kustomize, not a resource, although it names kinds.
  'overlays/prod/replacements.yaml': `source:
  kind: Deployment
  name: web
  fieldPath: metadata.name
targets:
  - select:
      kind: Service
    fieldPaths:
      - spec.selector.app
`,
};
