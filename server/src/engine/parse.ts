// Parsing a manifest file into YAML documents with exact ranges, and recognising input that must not
// be parsed as Kubernetes YAML at all (binary data, Helm templates, files too large or too deep).

import { Document, LineCounter, parseAllDocuments } from 'yaml';
import { LineIndex } from './text';

export interface ParseProblem {
  offset: number;
  length: number;
  message: string;
  /** `yaml-syntax` for malformed YAML, `not-checked` for input that is skipped on purpose. */
  code: 'yaml-syntax' | 'not-checked';
}

export interface ParsedDocument {
  index: number;
  doc: Document.Parsed;
  /** Documents with syntax errors are not checked, so a half-parsed tree cannot yield false findings. */
  hasErrors: boolean;
}

export interface ParsedFile {
  text: string;
  lines: LineIndex;
  documents: ParsedDocument[];
  problems: ParseProblem[];
  /** Set when the whole file was skipped; explains why in one sentence. */
  skipped?: string;
}

export interface ParseLimits {
  /** Files larger than this many characters are skipped. */
  maxSize: number;
  /** Alias expansions allowed when a value is converted to plain data. */
  maxAliasCount: number;
}

export const defaultLimits: ParseLimits = { maxSize: 10 * 1024 * 1024, maxAliasCount: 100 };

const templateLine = /^[ \t]*(?:-[ \t]+)?\{\{/m;

export function parseManifest(text: string, limits: ParseLimits = defaultLimits): ParsedFile {
  const lines = new LineIndex(text);
  const skip = (reason: string, offset = 0): ParsedFile => ({
    text,
    lines,
    documents: [],
    problems: [{ offset, length: 0, message: reason, code: 'not-checked' }],
    skipped: reason,
  });

  if (text.length > limits.maxSize) {
    return skip(`File not checked: it is larger than ${Math.round(limits.maxSize / 1048576)} MB.`);
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) return skip('File not checked: it holds binary data, not YAML.', nul);

  // A line that opens with a template action is a Helm (or other Go) template: it is not YAML
  // until rendered, and parsing it would only produce a flood of meaningless syntax errors.
  const template = templateLine.exec(text);
  if (template) {
    return skip('File not checked: it is a Helm or Go template; render it (helm template) and check the output.', template.index + template[0].length - 2);
  }

  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(text, {
      lineCounter: new LineCounter(),
      prettyErrors: false,
      uniqueKeys: true,
      strict: true,
    }) as Document.Parsed[];
  } catch (error) {
    // The composer recurses per nesting level; absurdly deep input exhausts the stack.
    const reason = error instanceof RangeError ? 'it is nested too deeply' : `the YAML parser failed (${String(error)})`;
    return skip(`File not checked: ${reason}.`);
  }
  if (!Array.isArray(parsed)) parsed = [parsed];

  const problems: ParseProblem[] = [];
  const documents: ParsedDocument[] = parsed.map((doc, index) => {
    for (const error of doc.errors) {
      const [start, end] = error.pos;
      problems.push({ offset: start, length: Math.max(0, end - start), message: cleanMessage(error.message), code: 'yaml-syntax' });
    }
    return { index, doc, hasErrors: doc.errors.length > 0 };
  });
  return { text, lines, documents, problems };
}

function cleanMessage(message: string): string {
  // The yaml package appends a source excerpt after the first line; the range already shows it.
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
