// Bad input never crashes or hangs: malformed YAML, templates, binary, huge, deep, alias bombs, BOM, CRLF.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, defaultLimits, extractText, mergeConfig, parseManifest, splittable, templateLineStarts, tooDeep, tooManyDocuments } from '../../server/src/engine';
import { rules as catalog } from '../../rules';

/** The Pod Security rules only: other rule families have tests of their own. */
const rules = catalog.filter((r) => r.meta.pss);

const lint = (text: string) => check(text, { config: mergeConfig(), rules });
const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: x\n    securityContext:\n      privileged: true\n';

describe('parseManifest', () => {
  test('a syntax error in one document does not hide findings in the others', () => {
    const result = lint(`a: [unclosed\n---\n${pod}`);
    assert.equal(result.problems.filter((p) => p.code === 'yaml-syntax').length > 0, true);
    assert.ok(result.findings.some((f) => f.ruleId === 'privileged-container'));
  });
  test('syntax errors carry a range and a one-line message', () => {
    const [problem] = parseManifest('key: "unterminated\n').problems;
    assert.equal(problem.code, 'yaml-syntax');
    assert.ok(!problem.message.includes('\n'));
  });
  test('Helm templates are skipped with one note', () => {
    const file = parseManifest('apiVersion: v1\nkind: Pod\n{{- if .Values.enabled }}\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n');
    assert.ok(file.skipped?.includes('Helm'));
    assert.equal(file.problems.length, 1);
    assert.equal(file.problems[0].code, 'not-checked');
  });
  test('template expressions inside quoted values do not make a file a template', () => {
    const file = parseManifest('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alerts\ndata:\n  rule: "{{ $labels.instance }} is down"\n');
    assert.equal(file.skipped, undefined);
  });
  test('binary content is skipped', () => {
    assert.ok(parseManifest('apiVersion: v1\0\0\u0001kind').skipped?.includes('binary'));
  });
  test('files over the size limit are skipped quickly', () => {
    const big = 'a: b\n'.repeat(3_000_000);
    const started = Date.now();
    assert.ok(parseManifest(big).skipped?.includes('larger'));
    assert.ok(Date.now() - started < 1000);
  });
  test('an alias bomb is parsed without expansion and gives no finding', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill('*' + String.fromCharCode(96 + i))
          .join(',')}]`,
      );
    const started = Date.now();
    const result = lint(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n  ${bomb.join('\n  ')}\n`);
    assert.deepEqual(result.findings, []);
    assert.ok(Date.now() - started < 2000);
  });
  test('aliases inside a pod spec are followed', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: x\n    securityContext: &sc\n      privileged: true\n  initContainers:\n  - name: init\n    image: x\n    securityContext: *sc\n';
    assert.equal(lint(text).findings.filter((f) => f.ruleId === 'privileged-container').length, 2);
  });
  test('deep nesting does not overflow the stack', () => {
    const deep = '['.repeat(20000) + ']'.repeat(20000);
    const result = lint(deep);
    assert.deepEqual(result.findings, []);
  });
  test('a BOM and CRLF line endings keep exact ranges', () => {
    const text = '\uFEFF' + pod.replace(/\n/g, '\r\n');
    const result = lint(text);
    const finding = result.findings.find((f) => f.ruleId === 'privileged-container')!;
    assert.equal(text.slice(finding.offset, finding.offset + finding.length), 'true');
    const position = result.file.lines.position(finding.offset);
    assert.deepEqual(position, { line: 9, character: 18 });
  });
  test('empty and comment-only files are fine', () => {
    assert.deepEqual(lint('').findings, []);
    assert.deepEqual(lint('# nothing\n---\n').findings, []);
  });
});

describe('template text that is data', () => {
  test('a Go template inside a block scalar does not make the file a template', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: alertmanager-templates
data:
  slack.tmpl: |
    {{ define "slack.title" }}[{{ .Status }}] {{ .CommonLabels.alertname }}{{ end }}
---
${pod}`;
    const file = parseManifest(text);
    assert.equal(file.skipped, undefined);
    assert.ok(lint(text).findings.some((f) => f.ruleId === 'privileged-container'));
  });
  test('deep nesting gets a clear message', () => {
    const problems = parseManifest('a: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n').problems;
    assert.ok(problems.every((p) => !p.message.includes('call stack')));
  });
});

test('UTF-16 text is named as such, not as binary', () => {
  const utf16 = Buffer.from('\uFEFFapiVersion: v1\nkind: Pod\n', 'utf16le').toString('utf8');
  assert.ok(parseManifest(utf16).skipped?.includes('UTF-16'));
});

describe('too many documents', () => {
  const docs = (n: number) => Array.from({ length: n }, (_, i) => `{apiVersion: v1, kind: Pod, metadata: {name: p${i}}, spec: {containers: [{name: c, image: i}]}}`).join('\n---\n');

  test('a file with more documents than the limit is skipped with the reason, one at the limit is checked', () => {
    const limits = { ...defaultLimits, maxDocuments: 3 };
    assert.equal(parseManifest(docs(3), limits).skipped, undefined);
    assert.equal(parseManifest(docs(4), limits).skipped, 'File not checked: it has more than 3 YAML documents.');
    assert.equal(parseManifest('---\n' + docs(3), limits).skipped, undefined, 'a leading --- starts the first document');
  });

  test('10,001 one-line Pods: skipped, and they declare no facts to the workspace', () => {
    const text = docs(10_001);
    assert.ok(tooManyDocuments(text) && !tooManyDocuments(docs(10_000)));
    assert.deepEqual(lint(text).findings, []);
    assert.match(lint(text).problems[0].message, /more than 10,000 YAML documents/);
    assert.deepEqual(extractText('f', text, []).resources, []);
  });
});

test('the nesting bound agrees with a walk over every character', () => {
  // The definition: brackets open anywhere count towards 256, spaces and dashes opening a line towards 1,024.
  const walk = (text: string): boolean => {
    let flow = 0;
    let indent = 0;
    let lineStart = true;
    for (const ch of text) {
      if (ch === '\n') [lineStart, indent] = [true, 0];
      else if (lineStart && (ch === ' ' || ch === '-')) {
        if (++indent > 1024) return true;
      } else {
        lineStart = false;
        if (ch === '[' || ch === '{') {
          if (++flow > 256) return true;
        } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
      }
    }
    return false;
  };
  let seed = 7;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const pieces = ['[', ']', '{', '}', '[[[[[[[[', '{{{{', ' '.repeat(300), '-'.repeat(200), '- ', '\n', '\r\n', 'a: ', '\r', ']]'];
  let deep = 0;
  for (let round = 0; round < 400; round++) {
    let text = '';
    for (let n = random(600); n > 0; n--) text += pieces[random(pieces.length)];
    deep += walk(text) ? 1 : 0;
    assert.equal(tooDeep(text), walk(text), `round ${round}: ${JSON.stringify(text.slice(0, 80))}`);
  }
  assert.ok(deep > 20 && deep < 380, `both answers are exercised (${deep} deep of 400)`);
});

test('template lines are found where the multiline expression finds them', () => {
  const expression = /^[ \t]*(?:-[ \t]+)?\{\{/gm;
  let seed = 5;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const pieces = ['{{', '{', '}}', ' ', '\t', '-', '- ', 'a: ', '\n', '\r\n', '\r', '\u2028', 'x'];
  let found = 0;
  for (let round = 0; round < 2000; round++) {
    let text = '';
    for (let n = random(30); n > 0; n--) text += pieces[random(pieces.length)];
    const expected = [...text.matchAll(expression)].map((m) => m.index + m[0].length - 2);
    found += expected.length;
    assert.deepEqual(templateLineStarts(text), expected, JSON.stringify(text));
  }
  assert.ok(found > 200, `lines with a template are exercised (${found})`);
});

test('files are split at --- unless a line opens with a directive or an end marker, as the multiline expression says', () => {
  const expression = /^(?:%|\.\.\.(?:[ \t\r\n]|$))/m;
  let seed = 3;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const pieces = ['%', '...', '..', '.', ' ', '\t', 'a: ', '\n', '\r\n', '\r', '\u2028', '\u2029', 'x', '50%'];
  let whole = 0;
  for (let round = 0; round < 3000; round++) {
    let text = '';
    for (let n = random(12); n > 0; n--) text += pieces[random(pieces.length)];
    whole += expression.test(text) ? 1 : 0;
    assert.equal(splittable(text), !expression.test(text), JSON.stringify(text));
  }
  assert.ok(whole > 300 && whole < 2700, `both answers are exercised (${whole} of 3000 whole)`);
});
