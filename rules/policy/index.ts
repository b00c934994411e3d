// Policy as code: the workspace's own admission policies (ValidatingAdmissionPolicies, Kyverno rules
// written in CEL) evaluated offline on every resource. The custom rules of the configuration
// (custom-rules.ts) join the catalog through rulesFor.

import type { RuleDefinition } from '../../server/src/engine';
import admissionPolicyViolation from './admission-policy-violation';
import kyvernoCelViolation from './kyverno-cel-violation';

export const rules: readonly RuleDefinition[] = [admissionPolicyViolation, kyvernoCelViolation];
