// Label selectors exactly as Kubernetes evaluates them (matchLabels and matchExpressions, ANDed),
// over plain data, with a third answer — unknown — for labels or selectors that hold a template
// expression: an unknown answer never produces a finding.
// https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors

/** A pod's labels; a value is `null` when it is a template expression (its value is unknown). */
export interface Labels {
  values: Record<string, string | null>;
  /** True when the set of keys itself is unknown (a templated key, or labels that are not a map of strings). */
  unknown: boolean;
}

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/**
 * A parsed selector: requirements that are all ANDed. `unknown` when a part of it is templated or
 * unreadable, so whether it matches cannot be decided. An empty requirement list selects everything.
 */
export type Selector = { requirements: Requirement[]; unknown?: false } | { requirements: Requirement[]; unknown: true };

/** The answer of a match: true, false, or undefined when unknown. */
export type Tri = boolean | undefined;

const templated = /\{\{|\$\{/;

export function isTemplatedText(value: string): boolean {
  return templated.test(value);
}

/** Reads a LabelSelector from plain data (`toJS` output); `undefined` means absent. */
export function parseSelector(value: unknown, options: { keyPrefixes?: RegExp } = {}): Selector {
  if (value === null || value === undefined) return { requirements: [] };
  if (typeof value !== 'object' || Array.isArray(value)) return { requirements: [], unknown: true };
  const v = value as Record<string, unknown>;
  const requirements: Requirement[] = [];
  let unknown = false;
  const cleanKey = (key: string) => (options.keyPrefixes ? key.replace(options.keyPrefixes, '') : key);
  if (v.matchLabels !== undefined && v.matchLabels !== null) {
    if (typeof v.matchLabels !== 'object' || Array.isArray(v.matchLabels)) unknown = true;
    else
      for (const [key, raw] of Object.entries(v.matchLabels as Record<string, unknown>)) {
        const value = raw === null || raw === undefined ? '' : String(raw);
        if (isTemplatedText(key) || isTemplatedText(value) || typeof raw === 'object') unknown = true;
        else requirements.push({ key: cleanKey(key), operator: 'In', values: [value] });
      }
  }
  if (v.matchExpressions !== undefined && v.matchExpressions !== null) {
    if (!Array.isArray(v.matchExpressions)) unknown = true;
    else
      for (const item of v.matchExpressions) {
        const e = (item ?? {}) as Record<string, unknown>;
        const operator = e.operator;
        const key = e.key;
        const values = Array.isArray(e.values) ? e.values.map((x) => (x === null || x === undefined ? '' : String(x))) : [];
        if (typeof key !== 'string' || isTemplatedText(key) || values.some(isTemplatedText) || (e.values !== undefined && e.values !== null && !Array.isArray(e.values))) {
          unknown = true;
          continue;
        }
        if (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist') {
          // The API server rejects any other operator; such a policy selects nothing we can know of.
          unknown = true;
          continue;
        }
        requirements.push({ key: cleanKey(key), operator, values });
      }
  }
  return unknown ? { requirements, unknown: true } : { requirements };
}

/** Whether a selector selects every pod (`{}`: no requirement at all). */
export function selectsAll(selector: Selector): boolean {
  return !selector.unknown && selector.requirements.length === 0;
}

/** One requirement against a pod's labels. */
export function matchesRequirement(requirement: Requirement, labels: Labels): Tri {
  const has = Object.prototype.hasOwnProperty.call(labels.values, requirement.key);
  if (!has && labels.unknown) return undefined;
  const value = has ? labels.values[requirement.key] : undefined;
  switch (requirement.operator) {
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'In':
      if (!has) return false;
      return value === null ? undefined : requirement.values.includes(value!);
    case 'NotIn':
      // NotIn also matches pods that do not carry the key at all.
      if (!has) return true;
      return value === null ? undefined : !requirement.values.includes(value!);
  }
}

/** ANDs the requirements: false wins over unknown, unknown over true. */
export function matches(selector: Selector, labels: Labels): Tri {
  let result: Tri = true;
  for (const requirement of selector.requirements) {
    const r = matchesRequirement(requirement, labels);
    if (r === false) return false;
    if (r === undefined) result = undefined;
  }
  // A selector with an unreadable part may still be decided false by the parts that can be read.
  return selector.unknown && result === true ? undefined : result;
}

export function and(...values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.includes(undefined) ? undefined : true;
}
