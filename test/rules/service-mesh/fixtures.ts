// Istio manifests the service-mesh tests combine.

export const deployment = (name = 'web', namespace = 'shop', labels = `app: ${name}`) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  template:
    metadata:
      labels:
        ${labels}
    spec:
      containers:
        - name: app
          image: registry.example.com/${name}:1.0
`;

export const peerAuth = (namespace: string, mode: string | null, extra = '', name = 'default') => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${extra}${mode === null ? '' : `  mtls:\n    mode: ${mode}\n`}`;

export const docs = (...parts: string[]) => parts.join('---\n');

export const authz = (spec: string, namespace = 'shop', name = 'p') => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${spec}`;

export const gateway = (servers: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw
spec:
  selector:
    istio: ingressgateway
  servers:
${servers}`;
export const https = (tls: string, host = 'shop.example.com') => `    - port: {number: 443, name: https, protocol: HTTPS}
      hosts: [${host}]
      tls:
${tls}`;
export const http = (host = 'shop.example.com', extra = '') => `    - port: {number: 80, name: http, protocol: HTTP}
      hosts: [${host}]
${extra}`;
