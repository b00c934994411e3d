// The client's view of the kube-harden protocol: the module the server implements, shared as types
// and names only.

export * from '../../server/src/shared/protocol';
