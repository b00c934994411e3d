// A small chart as `helm create` shapes them (values blocks put in place by `toYaml … | nindent`,
// scalars by `.Values` references, a few literal keys) and its rendering as `helm template web <chart>`
// prints it, recorded by hand with Helm 3's conventions: `---` and `# Source:` before each document,
// kinds in install order (Service before Deployment), `toYaml` keys sorted.

export const chartFiles: Record<string, string> = {
  'web/Chart.yaml': `apiVersion: v2
name: web
description: A small web service
type: application
version: 0.1.0
appVersion: "1.25.3"
`,
  'web/values.yaml': `replicaCount: 2

image:
  repository: nginx
  tag: "1.25.3"
  pullPolicy: IfNotPresent

podSecurityContext:
  runAsUser: 0
  fsGroup: 2000

securityContext:
  allowPrivilegeEscalation: true
  readOnlyRootFilesystem: true

hostNetwork: false

service:
  port: 80
`,
  'web/templates/_helpers.tpl': `{{- define "web.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
`,
  'web/templates/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ include "web.fullname" . }}
spec:
  selector:
    app.kubernetes.io/name: {{ .Chart.Name }}
  ports:
    - port: {{ .Values.service.port }}
      targetPort: http
`,
  'web/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
  labels:
    app.kubernetes.io/name: {{ .Chart.Name }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ .Chart.Name }}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {{ .Chart.Name }}
    spec:
      securityContext:
        {{- toYaml .Values.podSecurityContext | nindent 8 }}
      hostNetwork: {{ .Values.hostNetwork }}
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
            capabilities:
              add: ["NET_ADMIN"]
          ports:
            - name: http
              containerPort: 80
`,
};

/** `helm template web web/`. */
export const chartRendering = `---
# Source: web/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: web-web
spec:
  selector:
    app.kubernetes.io/name: web
  ports:
    - port: 80
      targetPort: http
---
# Source: web/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-web
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: web
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
    spec:
      securityContext:
        fsGroup: 2000
        runAsUser: 0
      hostNetwork: false
      containers:
        - name: web
          image: "nginx:1.25.3"
          imagePullPolicy: IfNotPresent
          securityContext:
            allowPrivilegeEscalation: true
            readOnlyRootFilesystem: true
            capabilities:
              add: ["NET_ADMIN"]
          ports:
            - name: http
              containerPort: 80
`;
