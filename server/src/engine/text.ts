// Offsets are the engine's only position type; this file converts them to lines and columns
// for the front ends and answers the small questions about lines that edits need.

export interface LineColumn {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units, as LSP and VS Code count them. */
  character: number;
}

export class LineIndex {
  /** A typed array: a keystroke copies it whole, and copying a plain array of 50,000 numbers costs ten times as much. */
  private lineStarts: Int32Array | undefined;

  constructor(readonly text: string) {}

  /** Computed on first use: a file that is skipped unread never pays for it. */
  private get starts(): Int32Array {
    if (!this.lineStarts) {
      const starts = [0];
      const text = this.text;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = Int32Array.from(starts);
    }
    return this.lineStarts;
  }

  /**
   * The index of `text`, made from the index of the text it was edited from: `[start, oldEnd)` of
   * the old text became `inserted` characters at `start`. Only the edited lines are searched again.
   */
  static edited(previous: LineIndex, text: string, start: number, oldEnd: number, inserted: number): LineIndex {
    const old = previous.starts;
    const delta = inserted - (oldEnd - start);
    let kept = 0;
    for (let hi = old.length; kept < hi;) {
      const mid = (kept + hi) >> 1;
      if (old[mid] <= start) kept = mid + 1;
      else hi = mid;
    }
    // Lines that started inside the replaced span are gone; those after it move by `delta`.
    let tail = kept;
    while (tail < old.length && old[tail] <= oldEnd) tail++;
    const added: number[] = [];
    for (let i = text.indexOf('\n', start); i >= 0 && i < start + inserted; i = text.indexOf('\n', i + 1)) added.push(i + 1);
    const starts = new Int32Array(kept + added.length + old.length - tail);
    starts.set(old.subarray(0, kept));
    starts.set(added, kept);
    for (let j = tail, k = kept + added.length; j < old.length; j++, k++) starts[k] = old[j] + delta;
    const index = new LineIndex(text);
    index.lineStarts = starts;
    return index;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): LineColumn {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  /** True when `offset` is at `pos` (as `position` would say, without searching for the line). */
  at(pos: LineColumn, offset: number): boolean {
    const starts = this.starts;
    return pos.line < starts.length && starts[pos.line] + pos.character === offset && (pos.line + 1 === starts.length || starts[pos.line + 1] > offset) && offset <= this.text.length;
  }

  offset(pos: LineColumn): number {
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, pos.line)];
    const end = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, pos.character), end);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
}

/**
 * `text.slice(start, end)` as a string of its own. V8 makes a longer slice a view that keeps the
 * whole text alive, and so does every string cut from it (the parsed values): a chunk kept across
 * versions would keep the text of the version it was parsed in, one whole text per edited chunk.
 * Flattening a concatenation copies it; the slice of that copy keeps only the copy.
 */
export function detachedSlice(text: string, start: number, end: number): string {
  return (' ' + text.slice(start, end)).slice(1);
}

/** The start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just past the newline that ends the line holding `offset`, or the text's end. */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The column of `offset` in its line. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** True when only spaces or a sequence dash stand between the line's start and `offset`. */
export function onlyWhitespaceBefore(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartOf(text, offset), offset));
}

let lastEolText: string | undefined;
let lastEol = '\n';

/** The file's line break; remembered for the last text, as every fix of a fix-all round asks about the same one. */
export function eolOf(text: string): string {
  if (text !== lastEolText) {
    lastEol = text.includes('\r\n') ? '\r\n' : '\n';
    lastEolText = text;
  }
  return lastEol;
}

/**
 * An error as one line of text for logs and notes (with its kind and stack frames when asked, for
 * internal errors). Only the message's first line: a parser's message can go on to quote the
 * document (a YAML excerpt, perhaps a secret), which a log must never show.
 */
export function errorMessage(error: unknown, options: { stack?: boolean } = {}): string {
  const firstLine = (text: string) => (text.split('\n')[0] ?? '').slice(0, 300);
  if (!(error instanceof Error)) return typeof error === 'string' ? firstLine(error) : `a thrown ${error === null ? 'null' : typeof error}`;
  if (!options.stack) return firstLine(error.message);
  const name = /^\w{1,40}$/.test(error.name) ? error.name : 'Error';
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [`${name}: ${firstLine(error.message)}`, ...frames].join('\n');
}
