// The hover's compliance line for a finding: the CIS Benchmark recommendations and NSA/CISA guide
// sections its rule serves, in one compact line (the rule's page names them in full).

import { complianceShort, Finding } from '../engine';

/** "Compliance: CIS 5.2.2; NSA-CISA Pod security enforcement", or undefined when the rule has none. */
export function complianceHoverLine(finding: Finding): string | undefined {
  const text = complianceShort(finding.compliance);
  return text ? `Compliance: ${text}` : undefined;
}
