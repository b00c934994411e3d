// The cost of the workspace's admission policies per keystroke: 50 ValidatingAdmissionPolicies (with
// their bindings, namespace selectors, parameters, match conditions and variables) in another file of
// the workspace, over the 1,000-line manifest, through the server's incremental analysis, with and
// without the policy family's rules, in alternating order; the overhead is the median of the per-run
// differences. The manifest complies with the policies: 50 policies refusing 44 resources would
// measure 2,000 findings, not CEL.
// Run: npx tsx bench/policies.ts [runs], or npm run bench -- --only policies

import { extractText, mergeConfig, WorkspaceModel } from '../server/src/engine';
import { DocumentAnalyzer } from '../server/src/lsp/analysis';
import { rules, workspaceExtractors } from '../rules';
import { manifest } from './manifests';
import { median, pairedRuns } from './stats';

const resources = ['deployments', 'services', 'configmaps'];
const groups: Record<string, string> = { deployments: 'apps', services: '', configmaps: '' };
const validations = [
  (i: number) => `!has(object.metadata.labels) || !('legacy-${i}' in object.metadata.labels)`,
  (i: number) => `!has(object.spec.template) || variables.containers.all(c, c.image.startsWith('registry.example.com/') || c.name == 'x${i}')`,
  (i: number) => `!has(object.spec.replicas) || object.spec.replicas <= int(params.data.max) + ${i}`,
  (i: number) => `!has(object.spec.type) || object.spec.type != 'NodePort${i}'`,
  (i: number) => `object.metadata.name.size() < ${60 + i} && !object.metadata.name.contains('tmp${i}')`,
];

/** The i-th policy and its binding. */
function policy(i: number): string {
  const resource = resources[i % resources.length];
  const params = i % 5 === 2;
  const selector = i % 2 === 0 ? '  matchResources:\n    namespaceSelector:\n      matchLabels: {environment: production}\n' : '';
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: policy-${i}
spec:
  failurePolicy: Fail
${params ? '  paramKind: {apiVersion: v1, kind: ConfigMap}\n' : ''}  matchConstraints:
    resourceRules:
    - apiGroups: ["${groups[resource]}"]
      apiVersions: ["v1"]
      operations: ["CREATE", "UPDATE"]
      resources: ["${resource}"]
  matchConditions:
  - name: not-system
    expression: "!object.metadata.name.startsWith('system-${i}')"
  variables:
  - name: containers
    expression: "has(object.spec.template) ? object.spec.template.spec.containers : []"
  validations:
  - expression: "${validations[i % validations.length](i)}"
    messageExpression: "'policy ${i} refuses ' + object.metadata.name"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: binding-${i}
spec:
  policyName: policy-${i}
  validationActions: [Deny]
${params ? '  paramRef: {name: limits, namespace: shop, parameterNotFoundAction: Deny}\n' : ''}${selector}`;
}

export function policiesText(count: number): string {
  const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {environment: production}\n';
  const limits = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: limits, namespace: shop}\ndata: {max: "10"}\n';
  return [namespace, limits, ...Array.from({ length: count }, (_, i) => policy(i))].join('---\n');
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

/** The median milliseconds the 50 policies add to a keystroke. */
export function policiesBench(runs: number): number {
  const text = manifest(1000);
  const config = mergeConfig();
  const without = rules.filter((r) => r.meta.category !== 'policy');
  const analyzers = { with: new DocumentAnalyzer(), without: new DocumentAnalyzer() };
  const model = new WorkspaceModel(workspaceExtractors());
  model.set(extractText('/ws/policies.yaml', policiesText(50), model.extractorList));
  const analyze = (which: 'with' | 'without', version: string) => {
    const file = `/ws/${which}.yaml`;
    model.set(extractText(file, version, model.extractorList));
    const t = performance.now();
    analyzers[which].analyze(version, { config, rules: which === 'with' ? rules : without, key: which, model, file, shared: false });
    return performance.now() - t;
  };
  const at = text.indexOf('replicas: ', text.length / 2);
  const version = (r: number) => text.slice(0, at) + (r % 2 ? 'replicas: 3' : 'replicas: 2') + text.slice(at + 'replicas: 2'.length);
  const { with: withTimes, without: withoutTimes, diff } = pairedRuns(runs, (which, r) => analyze(which, version(r)));
  console.log(`\nAdmission policies: 50 ValidatingAdmissionPolicies of another file over a ${text.split('\n').length}-line manifest, median of ${runs}:`);
  console.log('| keystroke without | keystroke with | added (median of differences) |');
  console.log('|---|---|---|');
  console.log(`| ${ms(median(withoutTimes))} | ${ms(median(withTimes))} | ${ms(median(diff))} |`);
  return median(diff);
}

if (require.main === module) policiesBench(Number(process.argv[2] ?? 101));
