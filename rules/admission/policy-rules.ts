// Admission: ValidatingAdmissionPolicies and their bindings, and the migration of PodSecurityPolicies
// to Pod Security Admission. (Webhook configurations and namespace labels are listed beside these.)

import type { RuleDefinition } from '../../server/src/engine';
import admissionBindingAuditOnly from './admission-binding-audit-only';
import admissionPolicyBinding from './admission-policy-binding';
import admissionPolicyCel from './admission-policy-cel';
import admissionPolicyUnbound from './admission-policy-unbound';
import podSecurityPolicyMigration from './pod-security-policy-migration';

export const policyRules: readonly RuleDefinition[] = [admissionPolicyCel, admissionPolicyUnbound, admissionPolicyBinding, admissionBindingAuditOnly, podSecurityPolicyMigration];
