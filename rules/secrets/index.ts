// Secrets: credentials typed into manifests, and Secret manifests kept in plaintext.

import type { RuleDefinition } from '../../server/src/engine';
import secretInArgs from './secret-in-args';
import secretInConfigmap from './secret-in-configmap';
import secretInEnv from './secret-in-env';
import secretInLastApplied from './secret-in-last-applied';
import secretInvalidBase64 from './secret-invalid-base64';
import secretManifestPlaintext from './secret-manifest-plaintext';

export const rules: readonly RuleDefinition[] = [secretInEnv, secretInArgs, secretManifestPlaintext, secretInvalidBase64, secretInConfigmap, secretInLastApplied];
