// The workspace model's public surface.

export * from './facts';
export * from './model';
export * from './extract';
export * from './reads';
