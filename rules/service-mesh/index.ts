// Service mesh: Istio's mTLS, authorization and TLS resources, across the workspace.

import type { RuleDefinition } from '../../server/src/engine';
import meshMtlsNotStrict from './mesh-mtls-not-strict';
import meshWorkloadMtlsNotStrict from './mesh-workload-mtls-not-strict';

export const rules: readonly RuleDefinition[] = [meshMtlsNotStrict, meshWorkloadMtlsNotStrict];
