// The test process's live heap, measured after full collections: for tests that check what a
// component keeps alive.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Bytes of live objects: two full collections first (the second frees what the first's finalizers released). */
export function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
