// What every secrets finding's hover says to do instead, and the credential names the user adds.

import type { RuleContext } from '../../server/src/engine';

/** The hint every secrets finding shows in the hover: where a secret value belongs instead. */
export const secretsHint =
  'Keep secret values out of git: reference a Secret created with `kubectl create secret`, or commit an encrypted form — a SealedSecret (Bitnami Sealed Secrets), an ExternalSecret (External Secrets Operator, from a vault or cloud secret manager) or a SOPS-encrypted file. For a test fixture, disable the rule for this resource.';

/** Extra credential-looking names from the configuration (`secrets.credentialNames`). */
export function extraNames(ctx: RuleContext): readonly string[] {
  return ctx.config.secrets?.credentialNames ?? [];
}
