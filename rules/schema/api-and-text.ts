// The schema family's rules on API versions (deprecated, removed) and on characters pasted from web
// pages, listed apart from the field rules so that each list has one owner.

import type { RuleDefinition } from '../../server/src/engine';
import deprecatedApiVersion from './deprecated-api-version';
import pastedCharacters from './pasted-characters';
import removedApiVersion from './removed-api-version';

export const apiAndTextRules: readonly RuleDefinition[] = [removedApiVersion, deprecatedApiVersion, pastedCharacters];
