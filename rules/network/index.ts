// Network: NetworkPolicy coverage across the whole workspace.

import type { RuleDefinition } from '../../server/src/engine';
import networkEgressIsolation from './network-egress-isolation';
import networkIngressIsolation from './network-ingress-isolation';
import networkNamespaceDefaultDeny from './network-namespace-default-deny';
import networkPolicyAllowsAll from './network-policy-allows-all';
import networkPolicySelectsNothing from './network-policy-selects-nothing';

export const rules: readonly RuleDefinition[] = [networkIngressIsolation, networkEgressIsolation, networkPolicyAllowsAll, networkPolicySelectsNothing, networkNamespaceDefaultDeny];
