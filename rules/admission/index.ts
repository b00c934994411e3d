// Admission control: webhook configurations and the Pod Security labels of Namespaces. The
// ValidatingAdmissionPolicy and PodSecurityPolicy rules are listed in policy-rules.ts.

import type { RuleDefinition } from '../../server/src/engine';
import webhookFailClosedDeadlock from './webhook-fail-closed-deadlock';

export const rules: readonly RuleDefinition[] = [webhookFailClosedDeadlock];
