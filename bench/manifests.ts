// Generates realistic multi-document manifests of a given line count for the benchmarks:
// Deployments, Services and ConfigMaps with a mix of secure and insecure security contexts.

const deployment = (i: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: service-${i}
  namespace: shop
  labels:
    app: service-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: service-${i}
  template:
    metadata:
      labels:
        app: service-${i}
    spec:
      securityContext:
        runAsNonRoot: ${i % 3 === 0 ? 'false' : 'true'}
      containers:
      - name: app
        image: registry.example.com/service-${i}:1.${i}
        ports:
        - containerPort: 8080${i % 5 === 0 ? `\n          hostPort: ${9000 + i}` : ''}
        securityContext:
          allowPrivilegeEscalation: ${i % 2 === 0 ? 'false' : 'true'}
          capabilities:
            drop: [ALL]
        resources:
          limits: {cpu: 500m, memory: 256Mi}
      volumes:
      - name: cache
        emptyDir: {}
---
`;

const service = (i: number) => `apiVersion: v1
kind: Service
metadata:
  name: service-${i}
  namespace: shop
spec:
  selector:
    app: service-${i}
  ports:
  - port: 80
    targetPort: 8080
---
`;

/** A manifest of whole documents with at least `lines` lines (a little more, never a cut document). */
export function manifest(lines: number): string {
  const docs: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const pair = deployment(i) + service(i);
    docs.push(pair);
    count += pair.split('\n').length - 1;
  }
  return docs.join('').replace(/---\n$/, '');
}
