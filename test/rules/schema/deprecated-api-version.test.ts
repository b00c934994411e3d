import { ruleTester } from '../../helpers/rule-tester';

const v = (kubernetesVersion: string) => ({ kubernetesVersion });

const hpa = (apiVersion: string) => `apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 5
`;

const pdb = `apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web
`;

ruleTester('deprecated-api-version', {
  valid: [
    { name: 'before the deprecation', code: pdb, config: v('1.20') },
    { name: 'after the removal it is removed-api-version that reports', code: pdb, config: v('1.25') },
    { name: 'the replacement', code: pdb.replace('policy/v1beta1', 'policy/v1'), config: v('1.22') },
  ],
  invalid: [
    {
      name: 'deprecated, with the release that removes it',
      code: pdb,
      config: v('1.21'),
      errors: [{ messageId: 'deprecated', line: 1, column: 13, endColumn: 27 }],
      output: pdb.replace('policy/v1beta1', 'policy/v1'),
    },
    {
      name: 'deprecated, no removal yet',
      code: 'apiVersion: storage.k8s.io/v1beta1\nkind: VolumeAttributesClass\nmetadata:\n  name: gold\ndriverName: pd.csi.storage.gke.io\n',
      errors: [{ messageId: 'deprecatedNoRemoval', line: 1, column: 13 }],
      output: 'apiVersion: storage.k8s.io/v1\nkind: VolumeAttributesClass\nmetadata:\n  name: gold\ndriverName: pd.csi.storage.gke.io\n',
    },
    {
      name: 'the replacement is not served yet at the target (autoscaling/v2 comes in 1.23): no fix',
      code: hpa('autoscaling/v2beta1'),
      config: v('1.22'),
      errors: [{ messageId: 'deprecated', line: 1, column: 13 }],
      output: null,
    },
    {
      name: 'served from 1.23 on',
      code: hpa('autoscaling/v2beta2'),
      config: v('1.24'),
      errors: [{ messageId: 'deprecated', line: 1, column: 13 }],
      output: hpa('autoscaling/v2'),
    },
    {
      name: 'PodSecurityPolicy before its removal: no replacement',
      code: 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: p\nspec: {}\n',
      config: v('1.21'),
      errors: [{ messageId: 'deprecatedNoReplacement', line: 1, column: 13 }],
      output: null,
    },
  ],
});
