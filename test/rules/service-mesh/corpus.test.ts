// The service-mesh rules on real manifests, all files as one workspace as the CLI and the editor see
// a folder: the corpus (argo-cd, istio addons and bookinfo, ingress-nginx, microservices-demo,
// kubernetes examples) with the Istio documentation's samples and the seed article's VirtualService.
// The only findings are the samples' three real ones.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { check, mergeConfig } from '../../../server/src/engine';
import { rules as catalog } from '../../../rules';
import { viewOf, workspaceOf } from '../../helpers/workspace';

const corpus = resolve(__dirname, '../../../../shared/reference/corpus');
const samples = resolve(__dirname, '../../fixtures/istio/samples.yaml');
const rules = catalog.filter((r) => r.meta.category === 'service-mesh');

const seedVirtualService = `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
 name: myservice
spec:
 hosts:
   - myservice.default.svc.cluster.local
 http:
   - match:
       - headers:
           host:
             exact: myservice.example.com
     route:
       - destination:
           host: myservice.default.svc.cluster.local
           port:
             number: 80
         weight: 100
`;

test('the corpus, the Istio samples and the seed VirtualService', { skip: existsSync(corpus) ? false : `${corpus} is not present` }, () => {
  const files: Record<string, string> = { '/ws/istio-samples.yaml': readFileSync(samples, 'utf8'), '/ws/seed.yaml': seedVirtualService };
  for (const name of readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f))) files[`/ws/${name}`] = readFileSync(join(corpus, name), 'utf8');
  const model = workspaceOf(files);
  const found: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    for (const f of check(text, { config: mergeConfig(), rules, workspace: viewOf(model, name, text) }).findings) found.push(`${name} ${f.ruleId} ${f.message}`);
  }
  assert.deepEqual(found.sort(), [
    // bookinfo's gateway serves any host, for brevity.
    '/ws/istio-samples.yaml mesh-gateway-wildcard-host server of Gateway "bookinfo-gateway" accepts any host name',
    // The documentation's example of a port exception.
    '/ws/istio-samples.yaml mesh-mtls-not-strict port 8080 of PeerAuthentication "workload" sets mTLS mode DISABLE, weaker than STRICT for the rest of the workload',
    // The first step of the JWT task, before its AuthorizationPolicy.
    '/ws/istio-samples.yaml mesh-request-auth-optional RequestAuthentication "jwt-example" makes a token optional: no AuthorizationPolicy requires requestPrincipals',
  ]);
});
