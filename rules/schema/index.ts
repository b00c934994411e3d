// Schema validation of built-in Kubernetes resources against the API of the target version: unknown
// and misspelled fields, wrong types, missing required fields, fields of other versions, and the
// apiVersion a kind is served by. Custom resources whose schema is unknown get no finding.

import type { RuleDefinition } from '../../server/src/engine';
import schemaFieldVersion from './schema-field-version';
import schemaKindApiVersion from './schema-kind-api-version';
import schemaRequiredField from './schema-required-field';
import schemaUnknownField from './schema-unknown-field';
import schemaWrongType from './schema-wrong-type';

export const rules: readonly RuleDefinition[] = [schemaKindApiVersion, schemaUnknownField, schemaFieldVersion, schemaWrongType, schemaRequiredField];
