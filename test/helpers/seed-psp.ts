// The seed article's PodSecurityPolicy as written (../shared/seed): one-space indentation, `hostPorts: false`
// (a list in the API) and `hostIpc` (the API spells it hostIPC).

export const seedPsp = `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
 name: restricted
spec:
 privileged: false
 allowPrivilegeEscalation: false
 requiredDropCapabilities:
 - ALL
 allowedCapabilities: []
 volumes:
 - 'configMap'
 - 'emptyDir'
 - 'projected'
 - 'secret'
 - 'downwardAPI'
 runAsUser:
   rule: 'MustRunAsNonRoot'
 fsGroup:
   rule: 'MustRunAs'
   ranges:
   - min: 1
     max: 65535
 seLinux:
   rule: 'RunAsAny'
 supplementalGroups:
   rule: 'MustRunAs'
   ranges:
   - min: 1
     max: 65535
 readOnlyRootFilesystem: true
 hostNetwork: false
 hostPorts: false
 hostPID: false
 hostIpc: false
`;
