// The fast reader must build exactly the tree the yaml package builds (values, types, sources and
// ranges of every node) whenever it reads a document at all, and decline whatever it cannot read:
// over the corpus, over seeded mutations of it (broken input included), and construct by construct.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { Document, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { documentRanges, parseDocuments, parseWhole, shiftDocument, yamlOptions } from '../../server/src/engine/parse';
import { fastDocument } from '../../server/src/engine/yaml-fast';
import { typedStarts } from '../../server/src/engine/yaml-fast-nodes';
import { manifest } from '../../bench/manifests';

const corpus = resolve(__dirname, '../../../shared/reference/corpus');
const examples = resolve(__dirname, '../../examples');

const kind = (n: unknown) => (isMap(n) ? 'map' : isSeq(n) ? 'seq' : isScalar(n) ? 'scalar' : isPair(n) ? 'pair' : String(n));
const plainValue = (v: unknown) => (v instanceof Date ? v.getTime() : v);

/** The first difference between two trees, as a path and both sides; undefined when equal. */
function difference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (kind(a) !== kind(b)) return `${path}: ${kind(a)} vs ${kind(b)}`;
  if (isPair(a) && isPair(b)) return difference(a.key, b.key, `${path}.key`) ?? difference(a.value, b.value, `${path}.value`);
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const field of ['range', 'type', 'source', 'format', 'tag', 'anchor', 'minFractionDigits', 'flow']) {
    if (JSON.stringify(x[field] ?? null) !== JSON.stringify(y[field] ?? null)) return `${path}.${field}: ${JSON.stringify(x[field])} vs ${JSON.stringify(y[field])}`;
  }
  if (isScalar(a) && isScalar(b)) {
    return Object.is(plainValue(a.value), plainValue(b.value)) ? undefined : `${path}.value: ${JSON.stringify(a.value)} vs ${JSON.stringify(b.value)}`;
  }
  const items = [(a as { items: unknown[] }).items, (b as { items: unknown[] }).items];
  if (items[0].length !== items[1].length) return `${path}.items: ${items[0].length} vs ${items[1].length}`;
  for (let i = 0; i < items[0].length; i++) {
    const found = difference(items[0][i], items[1][i], `${path}[${i}]`);
    if (found) return found;
  }
  return undefined;
}

/**
 * 'declined', or how the fast reader's document differs from the yaml package's ('' when it does
 * not), for the document of `text` from `start` to `end`, which the fast reader reads in place.
 */
function compare(text: string, start = 0, end = text.length): string {
  const fast = fastDocument(text, yamlOptions, start, end)?.doc;
  if (!fast) return 'declined';
  const docs = parseAllDocuments(text.slice(start, end), yamlOptions) as Document.Parsed[];
  if (docs.length !== 1) return `the yaml package reads ${docs.length} documents`;
  const [doc] = docs;
  shiftDocument(doc, start, false);
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) return `the yaml package reports: ${problem.message}`;
  if (JSON.stringify(doc.range) !== JSON.stringify(fast.range)) return `document range ${JSON.stringify(fast.range)} vs ${JSON.stringify(doc.range)}`;
  if (Boolean(doc.directives.docStart) !== Boolean(fast.directives.docStart)) return 'docStart';
  return difference(fast.contents, doc.contents) ?? '';
}

interface Chunk {
  name: string;
  text: string;
  /** The whole file the chunk is read from, in place. */
  file: string;
  start: number;
}

function chunksOf(dir: string): Chunk[] {
  const out: Chunk[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name)) {
        const text = readFileSync(path, 'utf8');
        for (const [start, end] of documentRanges(text)) out.push({ name: `${path}@${start}`, text: text.slice(start, end), file: text, start });
      }
    }
  };
  walk(dir);
  return out;
}

/** A small seeded generator, so that a failure names a mutation that can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
}

// Unicode white space and YAML 1.1's other line breaks are text to the yaml package, and to the reader.
const inserts = [
  '\u00a0',
  '\u2028',
  '\u0085',
  '\u3000',
  '\ufeff',
  ' ',
  '  ',
  ':',
  ': ',
  '-',
  '- ',
  '#',
  ' #',
  '"',
  "'",
  '\n',
  '\n\n',
  '|',
  '>',
  'x',
  '[',
  '{',
  '}',
  ']',
  ',',
  ', ',
  '\\',
  '*',
  '&',
  '!',
  '?',
  '\t',
  '---\n',
];

/** The text with one random edit: a character sequence inserted, a span deleted, or a line re-indented. */
function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * text.length);
  const choice = next();
  if (choice < 0.45) return text.slice(0, at) + inserts[Math.floor(next() * inserts.length)] + text.slice(at);
  if (choice < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
  const lineStart = text.lastIndexOf('\n', at) + 1;
  return next() < 0.5 ? text.slice(0, lineStart) + ' ' + text.slice(lineStart) : text.slice(0, lineStart) + text.slice(lineStart).replace(/^ /, '');
}

describe('fast YAML reader', () => {
  // The benchmark's manifests too: Deployments with one-line flow collections, as many are written.
  const generated = manifest(300);
  const chunks = [
    ...chunksOf(corpus),
    ...chunksOf(examples),
    ...documentRanges(generated).map(([start, end]) => ({ name: `bench manifest@${start}`, text: generated.slice(start, end), file: generated, start })),
  ];

  test('reads every corpus and example document it accepts exactly as the yaml package does, and most of the corpus', () => {
    let read = 0;
    let total = 0;
    for (const { name, text, file, start } of chunks) {
      const result = compare(file, start, start + text.length);
      assert.equal(result, compare(text), `${name}: read in place and alone`);
      assert.ok(result === '' || result === 'declined', `${name}: ${result}`);
      total += text.length;
      if (result === '') read += text.length;
    }
    // The corpus is mostly generated CRDs and install bundles: what the reader exists for.
    assert.ok(read / total > 0.85, `read ${((100 * read) / total).toFixed(1)}% of ${total} characters`);
  });

  test('agrees with the yaml package or declines on 3,000 seeded mutations, broken ones included', () => {
    const small = chunks.filter((c) => c.text.length < 6000 && c.text.length > 40);
    const next = random(20261207);
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const { name, text } = small[Math.floor(next() * small.length)];
      let mutated = mutate(text, next);
      if (next() < 0.3) mutated = mutate(mutated, next);
      // Read in place between two documents, as parseDocuments reads it, and alone.
      const file = `a: 1\n---\n${mutated}${mutated.endsWith('\n') ? '' : '\n'}---\nb: 2\n`;
      for (const [start, end] of documentRanges(file)) {
        const result = compare(file, start, end);
        assert.ok(result === '' || result === 'declined', `mutation ${i} of ${name}, at ${start}: ${result}\n${file}`);
      }
      const result = compare(mutated);
      assert.ok(result === '' || result === 'declined', `mutation ${i} of ${name}: ${result}\n${mutated}`);
      if (result === '') accepted++;
    }
    assert.ok(accepted > 500, `only ${accepted} mutations were read`);
  });

  const cases: Record<string, string> = {
    'YAML 1.1 scalars': 'a: yes\nb: off\nc: 0644\nd: 1_000\ne: ~\nf: null\ng: 2001-12-14\nh: .inf\ni: 1.50\nj: 0x1F\nk: 1:30\nl: Y\nn: "yes"\n',
    'keys that YAML 1.1 reads as booleans or numbers': 'on: 1\ny: 2\n80: http\n',
    'comments after values and before the document': '# head\n---\n# lead\na: 1  # one\nb: "two" # two\nc: [] # none\n',
    'multi-line plain scalars with blank lines': 'a: first\n  second\n\n  third\n   - dash ? q :x\nb: 1\n',
    'quoted scalars over lines, with escapes on one line': 'a: \'it\'\'s\n  folded\n\n  here  \'\nb: "tab\\there \\"q\\" \\\\ \\/"\nc: "two\n  lines"\n',
    'literal, folded, chomping and indentation indicators': 'a: |\n  l1\n    l2\n\nb: >-\n  f1\n  f2\n\n  f3\nc: |+\n  k\n\nd: |2-\n    indented\n  less\ne: >\n  x\n',
    'sequences in maps at the same column, compact maps, nested sequences':
      'spec:\n  containers:\n  - name: a\n    args:\n    - --x=1\n    -   -y\n    ports: [ ]\n  - name: b\n    env: {}\n  volumes:\n    -\n      name: v\n',
    'quoted keys': '"a b": 1\n\'c\': 2\n',
    'an indented document without a marker (it starts at its line)': '# c\n\n  a: 1\n  b:\n  - c\n',
    'an indented sequence document': '  - a\n  - b: 1\n',
    'one-line flow collections': 'a: [ALL]\nb: {cpu: 500m, memory: 256Mi}  # c\nc: [ "x" , y ]\nd: ["sh", \'-c\', a b, x:y]\ne: { }\nf: {"k": v, on: 1}\n',
    'a key of 1,024 characters': `${'k'.repeat(1024)}: v\n"${'q'.repeat(1022)}": w\n`,
    'block scalars that open with empty lines': 'a: |2-\n\n\n    x\nb: >\n\n  f1\n  f2\nc: |\n\n  l\n',
    'escapes of code points and the rarer one-character escapes': 'a: "\\x41\\u00e9\\U0001F600 \\a\\e\\N\\_\\L\\P\\v\\b\\f"\n',
    'indentation indicators below a map and in sequences': 'a:\n  b: |2\n      x\n    y\n  c:\n  - |1-\n     z\n  - >2\n    w\n',
    'no-break and other Unicode spaces, which YAML does not trim': 'a: x\u00a0\nb: \u00a0y\u3000\nc: "q\u00a0\n  \u00a0r"\nd: >-\n  s\u00a0\n  t\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    test(`reads ${name} as the yaml package does`, () => {
      assert.equal(compare(text), '', text);
    });
  }

  test('only texts with a first character of typedStarts can be other than strings in YAML 1.1 and 1.2', () => {
    for (const version of ['1.1', '1.2'] as const) {
      const tags = (new Document(undefined, { ...yamlOptions, version }).schema.tags as Array<{ default?: unknown; test?: RegExp }>).filter((t) => t.default && t.test);
      assert.ok(tags.length >= 6);
      // Every character that is not a typed start, alone and followed by what the tests accept.
      for (let code = 1; code < 0x3000; code++) {
        const c = String.fromCharCode(code);
        if (typedStarts.has(c)) continue;
        for (const text of [c, `${c}1`, `${c}0x1`, `${c}.5`, `${c}rue`, `${c}ull`, `${c}<`, `${c}2001-12-14`, `${c}1:30`, `${c}inf`]) {
          assert.ok(!tags.some((t) => t.test!.test(text)), `${version}: ${JSON.stringify(text)}`);
        }
      }
    }
  });

  test('the YAML 1.1 tags are still those typedStarts was read from (a new one must be looked at)', () => {
    const tags = (new Document(undefined, yamlOptions).schema.tags as Array<{ default?: unknown; test?: RegExp }>).filter((t) => t.default && t.test);
    assert.deepEqual(
      tags.map((t) => t.test!.source),
      [
        '^(?:~|[Nn]ull|NULL)?$',
        '^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$',
        '^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$',
        '^[-+]?0b[0-1_]+$',
        '^[-+]?0[0-7_]+$',
        '^[-+]?[0-9][0-9_]*$',
        '^[-+]?0x[0-9a-fA-F_]+$',
        '^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$',
        '^[-+]?(?:[0-9][0-9_]*)?(?:\\.[0-9_]*)?[eE][-+]?[0-9]+$',
        '^[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*$',
        '^<<$',
        '^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$',
        '^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*$',
        '^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$',
      ],
    );
  });

  test('duplicate keys in a document it reads are errors, as in one the yaml package reads', () => {
    const text = 'a: 1\nb:\n  c: 1\n  d: []\n  c: 2\na: 3\n';
    assert.equal(compare(text), '');
    const errors = (docs: Document.Parsed[]) => docs.flatMap((d) => d.errors.map((e) => [e.code, e.pos, e.message]));
    assert.deepEqual(errors(parseDocuments(text)), errors(parseWhole(text)));
    assert.equal(errors(parseDocuments(text)).length, 2);
  });

  const declined: Record<string, string> = {
    'an anchor and an alias': 'a: &x 1\nb: *x\n',
    'a merge key': 'a: {x: 1}\n<<: {}\n',
    'a tag': 'a: !!str 1\n',
    'nested flow content': 'a: [[1], {b: c}]\n',
    'a flow collection over two lines': 'a: [1,\n  2]\n',
    'a trailing comma': 'a: [1, 2,]\n',
    'a pair in a flow sequence': 'a: [b: c]\n',
    'a flow key without a value': 'a: {b: , c: d}\n',
    'a flow pair without a space': 'a: {b:c, d:}\n',
    'a comment between entries': 'a: 1\n# c\nb: 2\n',
    'an empty value': 'a:\nb: 2\n',
    'a tab': 'a:\n\tb: 1\n',
    'CRLF line ends': 'a: 1\r\nb: 2\r\n',
    'a second document': 'a: 1\n---\nb: 2\n',
    'a directive': '%YAML 1.1\n---\na: 1\n',
    'a duplicate-free but mis-indented map': 'a:\n    b: 1\n  c: 2\n',
    'an unknown escape': 'a: "\\q"\n',
    'a code point beyond Unicode': 'a: "\\UFFFFFFFF"\n',
    'a block scalar whose empty first line is deeper than its text': 'a: |\n    \n  x\n',
    'a plain scalar with ": " inside': 'a: b: c\n',
    'a bare scalar document': 'just text\n',
    'a byte-order mark at the start of a line before the content': '# c\n\ufeffkind: Pod\n',
    'a byte-order mark on a comment line': '# Source: x\n\ufeff# securityContext: {privileged: true}\napiVersion: v1\n',
    'a quoted flow key with spaces before its colon': 'x: {"a" : v}\n',
    'a merge key in a flow map': 'a: {<<: b}\n',
    'a plain key over 1,024 characters': `${'k'.repeat(1025)}: v\n`,
    'a quoted key over 1,024 characters': `"${'q'.repeat(1024)}": v\n`,
  };
  for (const [name, text] of Object.entries(declined)) {
    test(`declines ${name}`, () => assert.equal(compare(text), 'declined'));
  }
});
