// The server's heap, tuned for a process that lives as long as the editor and spends most of it
// idle. V8 doubles its young generation (up to 32 MB) whenever objects survive a scavenge, which
// they all do while a large file is parsed, and never gives the space back. Kept at its first size,
// the young generation holds 2 MB instead of 32, and objects promoted early leave the old
// generation less fragmented: with argo-cd and a 50,000-line file open, after the benchmark's
// keystrokes, the server holds about 165 MB instead of 200–290, for 2–6 ms more CPU per keystroke
// in the 50,000-line file. The flag is read at each growth, so setting it before the first file is
// parsed is enough. Imported first by main.ts; the CLI, a short batch, keeps V8's defaults.

import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--semi-space-growth-factor=1');
