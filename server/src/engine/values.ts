// Reading values the way Pod Security Admission does: exact, case-sensitive, and with template
// expressions treated as unknown so that an unrendered value never produces a finding.

import { isScalar, Node } from 'yaml';
import { isTemplated } from './yaml-ast';

/** True when the node is set to something other than null. */
export function isSet(node: Node | undefined): node is Node {
  return node !== undefined && !(isScalar(node) && node.value === null);
}

/** The scalar value, or undefined when unset, null, a collection or a template expression. */
export function known(node: Node | undefined): unknown {
  if (!isScalar(node) || node.value === null || isTemplated(node)) return undefined;
  return node.value;
}

/** True when the node holds a template expression whose value cannot be known before rendering. */
export function unknowable(node: Node | undefined): boolean {
  return isTemplated(node);
}
