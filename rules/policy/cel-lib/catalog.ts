// The functions of the CEL libraries Kubernetes makes available to policies, library by library, as the
// documentation lists them (https://kubernetes.io/docs/reference/using-api/cel/ and the godoc of
// k8s.io/apiserver/pkg/cel/library). Which of them kube-harden evaluates is not written here: it is
// read from the environment, so the list cannot drift from the code.

export interface Library {
  name: string;
  /** Functions (`quantity`), namespaced functions (`ip.isCanonical`) and methods (`isLoopback`). */
  functions: readonly string[];
  /** Why none of it can be evaluated offline, when that is so. */
  needsCluster?: string;
}

export const libraries: readonly Library[] = [
  {
    name: 'extended strings (cel-go ext)',
    functions: ['charAt', 'indexOf', 'lastIndexOf', 'lowerAscii', 'upperAscii', 'replace', 'split', 'join', 'substring', 'trim', 'strings.quote', 'format', 'reverse'],
  },
  { name: 'Kubernetes lists', functions: ['isSorted', 'sum', 'min', 'max', 'indexOf', 'lastIndexOf'] },
  { name: 'sets (cel-go ext)', functions: ['sets.contains', 'sets.equivalent', 'sets.intersects'] },
  { name: 'Kubernetes regex', functions: ['find', 'findAll'] },
  { name: 'Kubernetes URL', functions: ['url', 'isURL', 'getScheme', 'getHost', 'getHostname', 'getPort', 'getEscapedPath', 'getQuery'] },
  {
    name: 'Kubernetes quantity',
    functions: ['quantity', 'isQuantity', 'sign', 'isInteger', 'asInteger', 'asApproximateFloat', 'add', 'sub', 'isLessThan', 'isGreaterThan', 'compareTo'],
  },
  {
    name: 'Kubernetes IP address',
    functions: ['ip', 'isIP', 'ip.isCanonical', 'family', 'isUnspecified', 'isLoopback', 'isLinkLocalMulticast', 'isLinkLocalUnicast', 'isGlobalUnicast', 'string'],
  },
  { name: 'Kubernetes CIDR', functions: ['cidr', 'isCIDR', 'containsIP', 'containsCIDR', 'ip', 'masked', 'prefixLength', 'string'] },
  {
    name: 'Kubernetes format',
    functions: [
      'format.named',
      'format.dns1123Label',
      'format.dns1123Subdomain',
      'format.dns1035Label',
      'format.qualifiedName',
      'format.dns1123LabelPrefix',
      'format.dns1123SubdomainPrefix',
      'format.dns1035LabelPrefix',
      'format.labelValue',
      'format.uri',
      'format.uuid',
      'format.byte',
      'format.date',
      'format.datetime',
      'validate',
    ],
  },
  { name: 'Kubernetes semver', functions: ['isSemver', 'semver', 'major', 'minor', 'patch', 'isLessThan', 'isGreaterThan', 'compareTo'] },
  { name: 'CEL optional types', functions: ['optional.of', 'optional.ofNonZeroValue', 'optional.none', 'hasValue', 'value', 'orValue', 'or'] },
  {
    name: 'lists (cel-go ext)',
    functions: ['lists.range', 'slice', 'flatten', 'distinct', 'sort', 'sortBy', 'first', 'last'],
  },
  { name: 'two-variable comprehensions (cel-go ext)', functions: ['transformList', 'transformMap', 'transformMapEntry'] },
  { name: 'base64 (cel-go ext encoders)', functions: ['base64.encode', 'base64.decode'] },
  {
    name: 'math (cel-go ext)',
    functions: [
      'math.greatest',
      'math.least',
      'math.ceil',
      'math.floor',
      'math.round',
      'math.trunc',
      'math.abs',
      'math.sign',
      'math.isInf',
      'math.isNaN',
      'math.isFinite',
      'math.bitAnd',
      'math.bitOr',
      'math.bitXor',
      'math.bitNot',
      'math.bitShiftLeft',
      'math.bitShiftRight',
      'math.sqrt',
    ],
  },
  {
    name: 'Kubernetes authorizer',
    functions: ['path', 'group', 'resource', 'subresource', 'namespace', 'name', 'check', 'allowed', 'reason', 'errored', 'error', 'serviceAccount', 'fieldSelector', 'labelSelector'],
    needsCluster: 'the authorizer answers with the cluster’s RBAC for the requesting user',
  },
];

/** Variables and fields whose value only the API server has, for a request it receives. */
export const clusterOnly: ReadonlyArray<{ path: readonly string[]; why: string }> = [
  { path: ['authorizer'], why: 'the authorizer answers with the cluster’s RBAC for the requesting user' },
  { path: ['request', 'userInfo'], why: 'the user of a request is known only to the API server' },
];
