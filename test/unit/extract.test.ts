// A file on disk is indexed by a cheap path (documents no extractor reads are parsed only as far as
// their identity); an open document by a full parse. Both must declare the same facts, or a
// workspace finding would change when its file is opened. Checked over the corpus of real manifests,
// the examples, and the shapes that defeat the cheap path (Lists, BOM, CRLF, flow documents). The CLI
// takes the full parse for files within its budget and the cheap path beyond it: the same again.

import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { rules } from '../../rules';
import { extractorsOf, extractParsed, extractText, FileEntry, parseManifest } from '../../server/src/engine';

const extractors = extractorsOf(rules);
const root = join(__dirname, '..', '..');
const corpus = join(root, '..', 'shared', 'reference', 'corpus');

/** What the editor and the CLI's single-parse path declare: the facts of the file parsed whole. */
function fullParse(file: string, raw: string): FileEntry {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return extractParsed(file, parseManifest(text), extractors);
}

/** The entry as plain data, facts in extractor order, so two entries compare with deepEqual. */
function plain(entry: FileEntry): unknown {
  const facts = [...entry.facts.entries()].filter(([, list]) => list.length > 0).sort(([a], [b]) => a.localeCompare(b));
  return JSON.parse(JSON.stringify({ resources: entry.resources, facts }));
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const synthetic: Record<string, string> = {
  'list.yaml':
    'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: web}\n    spec:\n      selector: {matchLabels: {app: web}}\n      template:\n        metadata: {labels: {app: web}}\n        spec: {containers: [{name: web, image: nginx}]}\n',
  'bom-crlf.yaml':
    '\ufeffapiVersion: v1\r\nkind: Secret\r\nmetadata:\r\n  name: db\r\n  namespace: shop\r\ndata:\r\n  password: cGFzcw==\r\n---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: c\r\ndata:\r\n  a: b\r\n',
  'flow.yaml':
    '{apiVersion: v1, kind: Namespace, metadata: {name: shop}}\n---\n{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: deny, namespace: shop}, spec: {podSelector: {}}}\n',
  'comments.yaml': '# leading\n---\n# a comment only\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: p}\nspec:\n  containers:\n    - name: c\n      image: nginx\n',
  'broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: [\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n',
};

describe('extractText matches a full parse', () => {
  const files = [...yamlFiles(corpus), ...yamlFiles(join(root, 'examples'))];
  test('the corpus is present', () => assert.ok(files.length > 10, `${files.length} files`));
  for (const path of files) {
    test(path.slice(root.length - 4), () => {
      const raw = readFileSync(path, 'utf8');
      assert.deepEqual(plain(extractText('f.yaml', raw, extractors)), plain(fullParse('f.yaml', raw)));
    });
  }
  for (const [name, raw] of Object.entries(synthetic)) {
    test(name, () => assert.deepEqual(plain(extractText(name, raw, extractors)), plain(fullParse(name, raw))));
  }
});
