// Adding a moved value to the workload's Secret in the file that already holds it, so that one
// workload's values share one Secret: a pure function of that file's current text, which the
// editor reads when the suggestion is applied (the rule saw the file only through the model).

import { Edit, parseManifest, resourcesOf, setIn } from '../../server/src/engine';
import { isSecret, secretValues } from './secret-values';

/**
 * The edits that add `key: value` to the `stringData` of Secret `name` (in `namespace`) of `current`:
 * none when it already holds that value under the key; undefined when the file has no such Secret,
 * cannot be read, or holds another value under the key (nothing may replace a value).
 */
export function addKey(current: string, name: string, namespace: string | null, key: string, value: string): Edit[] | undefined {
  const file = parseManifest(current);
  if (file.skipped || file.problems.length > 0) return undefined;
  const secret = resourcesOf(file).find((r) => isSecret(r) && r.name === name && r.namespace === namespace && r.root === r.doc.contents);
  if (!secret) return undefined;
  const values = secretValues(secret);
  if (values.has(key)) return values.get(key) === value ? [] : undefined;
  return setIn({ text: current, doc: secret.doc }, secret.root, ['stringData', key], value);
}
