// Tab indentation, a YAML syntax error that text pasted from web pages and some editors bring: where
// the tabs stand, and the edit that turns them into spaces when the structure meant is unambiguous.
// It is unambiguous when the tab-indented lines follow a key that opens a block (`clientConfig:` at
// the end of its line), so they are that key's value, and they all start with the same tabs, so their
// depths relative to each other do not depend on how wide a tab is.

import type { Edit } from './rule';

export const tabIndentMessage = 'Indent with spaces, not tabs: YAML does not allow tabs in indentation';

interface Line {
  start: number;
  text: string;
}

function lineAt(text: string, offset: number): Line {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return { start, text: text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '') };
}

const indentOf = (line: string): string => /^[ \t]*/.exec(line)![0];
const blank = (line: string): boolean => /^[ \t]*(#.*)?$/.test(line);

/** The tabs in a line's indentation, `[start, end)` in the text, for a precise diagnostic. */
export function tabsAt(text: string, offset: number, length: number): [number, number] | undefined {
  const slice = text.slice(offset, offset + Math.max(length, 1));
  const first = slice.indexOf('\t');
  if (first < 0) return undefined;
  let end = offset + first;
  while (text[end] === '\t') end++;
  return [offset + first, end];
}

/** The lines around `offset` whose indentation holds a tab, in order. */
function tabBlock(text: string, offset: number): Line[] {
  const lines: Line[] = [lineAt(text, offset)];
  for (let before = lines[0].start - 1; before > 0;) {
    const line = lineAt(text, before);
    if (!indentOf(line.text).includes('\t')) break;
    lines.unshift(line);
    before = line.start - 1;
  }
  for (let next = text.indexOf('\n', offset); next >= 0 && next + 1 < text.length;) {
    const line = lineAt(text, next + 1);
    if (!indentOf(line.text).includes('\t')) break;
    lines.push(line);
    next = text.indexOf('\n', line.start);
  }
  return lines;
}

/** The column of a key that opens a block on its line (`  key:`, `- key:`), else undefined. */
function openingKeyColumn(line: string): number | undefined {
  const content = line.replace(/\s+#.*$/, '').trimEnd();
  if (!/^[ ]*(- +)*[^\s#-][^:]*:$/.test(content)) return undefined;
  return /^[ ]*(- +)*/.exec(content)![0].length;
}

/** "Replace the tabs with spaces": edits for the tab-indented block at `offset`, when unambiguous. */
export function tabIndentFix(text: string, offset: number): { title: string; edits: Edit[] } | undefined {
  const block = tabBlock(text, offset);
  const prefix = /^[ \t]*\t/.exec(block[0].text)?.[0];
  if (!prefix || block.some((line) => !line.text.startsWith(prefix) || indentOf(line.text.slice(prefix.length)).includes('\t'))) return undefined;
  let above = block[0].start - 1;
  let parent: Line | undefined;
  while (above > 0) {
    const line = lineAt(text, above);
    if (!blank(line.text)) {
      parent = line;
      break;
    }
    above = line.start - 1;
  }
  const column = parent && openingKeyColumn(parent.text);
  if (column === undefined) return undefined;
  const spaces = ' '.repeat(column + 2);
  const edits = block.map((line) => ({ offset: line.start, length: prefix.length, text: spaces }));
  return { title: edits.length === 1 ? 'Replace the tab with spaces' : `Replace the tabs of ${edits.length} lines with spaces`, edits };
}
