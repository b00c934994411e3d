// Schema validation of built-in Kubernetes resources against the API of the target version: unknown
// and misspelled fields, wrong types, missing required fields, fields of other versions, and the
// apiVersion a kind is served by. Custom resources whose schema is unknown get no finding.

import type { RuleDefinition } from '../../server/src/engine';

export const rules: readonly RuleDefinition[] = [];
