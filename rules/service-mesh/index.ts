// Service mesh: Istio's mTLS, authorization and TLS resources, across the workspace.

import type { RuleDefinition } from '../../server/src/engine';
import meshAuthzActionWithoutRules from './mesh-authz-action-without-rules';
import meshAuthzAllowAll from './mesh-authz-allow-all';
import meshAuthzIdentityWithoutMtls from './mesh-authz-identity-without-mtls';
import meshAuthzMethodCase from './mesh-authz-method-case';
import meshAuthzNamespaceDefaultDeny from './mesh-authz-namespace-default-deny';
import meshAuthzPathBypass from './mesh-authz-path-bypass';
import meshAuthzSelectsNothing from './mesh-authz-selects-nothing';
import meshDestinationTls from './mesh-destination-tls';
import meshEgressOpen from './mesh-egress-open';
import meshInjectionOptOut from './mesh-injection-opt-out';
import meshRequestAuthOptional from './mesh-request-auth-optional';
import meshGatewayHttpsRedirect from './mesh-gateway-https-redirect';
import meshGatewayTls from './mesh-gateway-tls';
import meshGatewayWildcardHost from './mesh-gateway-wildcard-host';
import meshMtlsNotStrict from './mesh-mtls-not-strict';
import meshWorkloadMtlsNotStrict from './mesh-workload-mtls-not-strict';

export const rules: readonly RuleDefinition[] = [
  meshMtlsNotStrict,
  meshWorkloadMtlsNotStrict,
  meshAuthzAllowAll,
  meshAuthzActionWithoutRules,
  meshAuthzIdentityWithoutMtls,
  meshAuthzPathBypass,
  meshAuthzMethodCase,
  meshAuthzSelectsNothing,
  meshAuthzNamespaceDefaultDeny,
  meshDestinationTls,
  meshGatewayTls,
  meshGatewayHttpsRedirect,
  meshGatewayWildcardHost,
  meshEgressOpen,
  meshRequestAuthOptional,
  meshInjectionOptOut,
];
