// IO at the edges: paths and URIs, exclusion globs, the file walker and the workspace scan, git and helm.

export * from './paths';
export * from './globs';
export * from './walk';
export * from './scan';
export * from './git-status';
export * from './helm-render';
export * from './kustomize-render';
export * from './image-scan';
