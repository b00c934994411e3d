// Admission control: webhook configurations and the Pod Security labels of Namespaces. The
// ValidatingAdmissionPolicy and PodSecurityPolicy rules are listed in policy-rules.ts.

import type { RuleDefinition } from '../../server/src/engine';
import namespaceLabelsEnforce from './namespace-labels-enforce';
import namespaceLabelsInvalid from './namespace-labels-invalid';
import podSecurityAdmissionConfig from './pod-security-admission-config';
import webhookCaBundle from './webhook-ca-bundle';
import webhookCaBundleMissing from './webhook-ca-bundle-missing';
import webhookClientConfig from './webhook-client-config';
import webhookDuplicateName from './webhook-duplicate-name';
import webhookFailClosedDeadlock from './webhook-fail-closed-deadlock';
import webhookFailOpenSecurity from './webhook-fail-open-security';
import webhookServiceMissing from './webhook-service-missing';
import webhookServicePort from './webhook-service-port';
import webhookSettings from './webhook-settings';
import webhookWildcardRules from './webhook-wildcard-rules';

export const rules: readonly RuleDefinition[] = [
  webhookFailClosedDeadlock,
  webhookFailOpenSecurity,
  webhookWildcardRules,
  webhookSettings,
  webhookClientConfig,
  webhookCaBundle,
  webhookCaBundleMissing,
  webhookServiceMissing,
  webhookServicePort,
  webhookDuplicateName,
  namespaceLabelsInvalid,
  namespaceLabelsEnforce,
  podSecurityAdmissionConfig,
];
