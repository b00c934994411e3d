// "Did you mean": the field a misspelled key most likely stands for, first by letter case alone
// (`Webhooks` → `webhooks`), then by edit distance (`allowPrivilegeEscalaton` → `allowPrivilegeEscalation`).

import leven from 'leven';

/** The closest field, or undefined when none is close or two are equally close. */
export function closestField(name: string, fields: readonly string[]): { field: string; caseOnly: boolean } | undefined {
  const lower = name.toLowerCase();
  const sameCase = fields.filter((f) => f.toLowerCase() === lower);
  if (sameCase.length === 1) return { field: sameCase[0], caseOnly: true };
  // Up to one edit per four letters, so short keys are not matched with any other short key.
  const budget = Math.min(3, Math.floor(name.length / 4));
  let best: string | undefined;
  let bestDistance = budget + 1;
  let tie = false;
  for (const field of fields) {
    const distance = distanceOf(lower, field.toLowerCase());
    if (distance < bestDistance) [best, bestDistance, tie] = [field, distance, false];
    else if (distance === bestDistance) tie = true;
  }
  return best !== undefined && !tie ? { field: best, caseOnly: false } : undefined;
}

/** Edit distance, counting two swapped neighbours (`mdoe` for `mode`) as one edit, as people type them. */
function distanceOf(a: string, b: string): number {
  const distance = leven(a, b);
  if (distance !== 2 || a.length !== b.length) return distance;
  const at = [...a].findIndex((c, i) => c !== b[i]);
  return a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2) ? 1 : distance;
}
