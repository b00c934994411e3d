// What a chart template says about each key without rendering it: the keys written literally (their
// path by indentation, their range on the line) and the `.Values` paths that fill a key's value or a
// block under it (`{{ .Values.a.b }}`, `{{- toYaml .Values.podSecurityContext | nindent 8 }}`, or
// `toYaml .` inside `{{- with .Values.x }}`). Lines that open with a template action are never keys.

export interface TemplateKey {
  /** Keys from the document root, sequence items left out (a template writes an item once, however many it renders). */
  path: string[];
  line: number;
  indent: number;
  keyStart: number;
  keyEnd: number;
  /** The text after `key:` on the line, trimmed, and where it starts. */
  value: string;
  valueStart: number;
  /** The `.Values` path the inline value is exactly (`{{ .Values.a.b }}`, optionally piped to quote). */
  valuesRef?: string[];
  /** The `.Values` path of the block below the key, when one `toYaml` action writes it. */
  blockRef?: string[];
}

export interface TemplateDocument {
  /** Offset in the template text of each of its lines. */
  lineStarts: number[];
  keys: TemplateKey[];
  /** Offset and length of the document's first line with text. */
  firstLine: { offset: number; length: number };
}

const keyLine = /^(\s*)(?:(-)\s+)?([A-Za-z0-9_.\/-]+|"[^"{}]*"|'[^'{}]*'):(?:\s+(.*?))?\s*$/;
const actionLine = /^\s*\{\{/;
const valuesPath = /^\.Values((?:\.[A-Za-z0-9_-]+)+)$/;
const inlineRef = /^"?\{\{-?\s*(\.Values(?:\.[A-Za-z0-9_-]+)+)(?:\s*\|\s*quote)?\s*-?\}\}"?$/;
const toYamlRef = /^\s*\{\{-?\s*toYaml\s+(\.Values(?:\.[A-Za-z0-9_-]+)+|\.)\s*\|\s*n?indent\s+\d+\s*-?\}\}\s*$/;
const withOpen = /^\s*\{\{-?\s*with\s+(\.Values(?:\.[A-Za-z0-9_-]+)+)\s*-?\}\}\s*$/;
const blockOpen = /^\s*\{\{-?\s*(?:if|range|with|define|block)\b/;
const blockEnd = /^\s*\{\{-?\s*end\s*-?\}\}\s*$/;

function refPath(expression: string): string[] | undefined {
  const m = valuesPath.exec(expression);
  return m ? m[1].slice(1).split('.') : undefined;
}

/** Reads the keys of one template file (one YAML document per file, as Helm charts keep them). */
export function templateKeys(text: string): TemplateDocument {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lines = text.split('\n');
  const keys: TemplateKey[] = [];
  const stack: TemplateKey[] = [];
  /** Open `with`/`if`/`range` blocks: the `.Values` path a `with` sets as `.`, else undefined. */
  const scopes: Array<string[] | undefined> = [];
  let firstLine: TemplateDocument['firstLine'] | undefined;
  const withBlock = new Set<TemplateKey>();
  /** Set while inside a block scalar: the indentation of the line of its key. */
  let scalarIndent: number | undefined;
  lines.forEach((raw, line) => {
    const textLine = raw.replace(/\r$/, '');
    if (textLine.trim() === '') return;
    // The text of a block scalar (`config.yaml: |`) is data, whatever it looks like.
    if (scalarIndent !== undefined && textLine.search(/\S/) > scalarIndent) return;
    scalarIndent = undefined;
    if (/^\s*#/.test(textLine) || textLine.startsWith('---')) return;
    firstLine ??= { offset: lineStarts[line], length: textLine.length };
    if (actionLine.test(textLine)) {
      const withRef = withOpen.exec(textLine);
      if (withRef) scopes.push(refPath(withRef[1]));
      else if (blockEnd.test(textLine)) scopes.pop();
      else if (blockOpen.test(textLine)) scopes.push(undefined);
      const yaml = toYamlRef.exec(textLine);
      // Its content lands at the action's indentation: the keys at or below it have ended.
      if (yaml) while (stack.length > 0 && stack[stack.length - 1].indent >= textLine.search(/\S/)) stack.pop();
      const parent = stack[stack.length - 1];
      if (yaml && parent && parent.value === '') {
        const ref = yaml[1] === '.' ? scopes[scopes.length - 1] : refPath(yaml[1]);
        // A second toYaml in the same block means the block is not one values key's.
        parent.blockRef = withBlock.has(parent) ? undefined : ref;
        withBlock.add(parent);
      }
      return;
    }
    const m = keyLine.exec(textLine);
    if (!m) return;
    const dash = m[2] !== undefined;
    const indent = dash ? m[1].length + 2 : m[1].length;
    // The item's dash sits at its parent's child indentation or deeper; the parent is shallower.
    // An item's dash may sit at its parent's own indentation (`containers:` then `- name:`): its key is still deeper.
    while (stack.length > 0 && stack[stack.length - 1].indent >= indent) stack.pop();
    const name = m[3].replace(/^["']|["']$/g, '');
    const keyStart = lineStarts[line] + textLine.indexOf(m[3], m[1].length + (dash ? 1 : 0));
    const value = m[4] ?? '';
    const valueStart = value ? lineStarts[line] + textLine.lastIndexOf(value) : keyStart + m[3].length + 1;
    const inline = inlineRef.exec(value);
    const entry: TemplateKey = {
      path: [...(stack[stack.length - 1]?.path ?? []), name],
      line,
      indent,
      keyStart,
      keyEnd: keyStart + m[3].length,
      value,
      valueStart,
      valuesRef: inline ? refPath(inline[1]) : undefined,
    };
    keys.push(entry);
    stack.push(entry);
    if (/^[|>][-+0-9]*$/.test(value)) scalarIndent = m[1].length;
  });
  return { lineStarts, keys, firstLine: firstLine ?? { offset: 0, length: 0 } };
}
