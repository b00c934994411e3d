// The server's heap, tuned for a process that lives as long as the editor and is idle most of that
// time. Two things kept its memory far above what it holds (measured with argo-cd's install manifest
// and a 50,000-line file open: 73 MB live):
// - V8 doubles the young generation (up to 32 MB) whenever objects survive a scavenge, which they
//   all do while a large file is parsed, and never gives the space back. Kept at its first size it
//   holds 2 MB, for about 3 ms more GC per keystroke in the 50,000-line file (1 MB scavenges).
// - Parsing leaves the old generation fragmented (90 MB of pages for 61 MB of objects), and V8
//   compacts only a few pages per collection. Once the server has been idle a moment after its heap
//   grew (or a large file closed), one compacting collection (about 150 ms) gives the pages back.
// Together: 136–138 MB instead of 190–260 MB. Both need V8 flags set at run time, which Node allows and
// an embedder may not (a frozen flag aborts the process): under VS Code's own runtime (Electron) the
// client passes the first on the command line, and the second is not done.

import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { youngGenerationFlag } from '../shared/protocol';

const underNode = process.versions.electron === undefined;
if (underNode) setFlagsFromString(youngGenerationFlag);

/** Quiet this long after the last document event: the user has stopped typing or opening files. */
const idleMs = 1500;
/** Heap growth since the last compaction that is worth one. */
const growthBytes = 16 * 1024 * 1024;

class HeapKeeper {
  private timer: NodeJS.Timeout | undefined;
  private floor = getHeapStatistics().total_heap_size;
  private collect: (() => void) | undefined;

  /** A document event; `released` when a large document closed (its memory is garbage now). */
  touch(released = false): void {
    if (!underNode) return;
    if (released) this.floor = 0;
    if (this.timer) this.timer.refresh();
    else this.timer = setTimeout(() => this.idle(), idleMs).unref();
  }

  private idle(): void {
    this.timer = undefined;
    if (getHeapStatistics().total_heap_size - this.floor < growthBytes) return;
    this.compact();
    this.floor = getHeapStatistics().total_heap_size;
  }

  /** A full collection that moves every live object together and frees the pages left empty. */
  private compact(): void {
    if (!this.collect) {
      // The collector's function is given to contexts made while the flag is set: one context, once.
      setFlagsFromString('--expose-gc');
      this.collect = runInNewContext('gc') as () => void;
      setFlagsFromString('--no-expose-gc');
    }
    // A plain flag, read by each collection and implying no other (`--stress-compaction`, a little
    // faster, implies three, which a V8 that enforces implications at run time would keep set).
    setFlagsFromString('--compact-on-every-full-gc');
    try {
      this.collect();
    } finally {
      setFlagsFromString('--no-compact-on-every-full-gc');
    }
  }
}

export const heap = new HeapKeeper();
