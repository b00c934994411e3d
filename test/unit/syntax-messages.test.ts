// Syntax errors never quote the source: the yaml package's messages do (`Not a YAML token: <text>`),
// and a manifest's text may be a secret. Every problem carries one of our fixed sentences.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfigText, parseDocuments, parseManifest, syntaxMessage, syntaxMessages } from '../../server/src/engine';

const marker = 'Zq7Mk3Wv';

/** One input per error code the parser reports for manifests, each holding the marker near the error. */
const byCode: Array<[code: string, text: string]> = [
  ['ALIAS_PROPS', `a: &x *${marker}\n`],
  ['BAD_ALIAS', `a: *\nb: ${marker}\n`],
  ['BAD_DQ_ESCAPE', `a: "\\q${marker}"\n`],
  ['BAD_INDENT', `a:\n  b: 1\n c: ${marker}\n`],
  ['BAD_INDENT', `a: [${marker}\n`],
  ['BAD_PROP_ORDER', `- a: ${marker}\n &x ? b\n`],
  ['BAD_SCALAR_START', `value: @${marker}\n`],
  ['BAD_SCALAR_START', `value: %${marker}\n`],
  ['BAD_SCALAR_START', `value: \`${marker}\n`],
  ['BLOCK_AS_IMPLICIT_KEY', `a: b ${marker}: c\n`],
  ['DUPLICATE_KEY', `a: b\na: ${marker}\n`],
  ['KEY_OVER_1024_CHARS', `${'k'.repeat(1100)}${marker}: v\n`],
  ['MISSING_CHAR', `value: "${marker}\n`],
  ['MISSING_CHAR', `value: '${marker}\n`],
  ['MISSING_CHAR', `- &a - ${marker}\n`],
  ['MULTILINE_IMPLICIT_KEY', `${marker}\nb: c\n`],
  ['MULTIPLE_ANCHORS', `a: &x &y ${marker}\n`],
  ['MULTIPLE_TAGS', `a: !x !y ${marker}\n`],
  ['TAB_AS_INDENT', `a:\n\tb: ${marker}\n`],
  ['UNEXPECTED_TOKEN', `value: >${marker}\n`],
  ['UNEXPECTED_TOKEN', `value: | ${marker}\n`],
  ['UNEXPECTED_TOKEN', `a: b\n]${marker}\n`],
  ['UNEXPECTED_TOKEN', `a: b\n}${marker}\n`],
  ['UNEXPECTED_TOKEN', `- a\nb: ${marker}\n`],
  ['UNEXPECTED_TOKEN', `a: [b, , ${marker}]\n`],
  ['UNEXPECTED_TOKEN', `a: "x" ${marker}\n`],
];

function assertFixed(text: string): number {
  const problems = parseManifest(text).problems;
  for (const p of problems) {
    assert.ok(syntaxMessages.has(p.message) || p.code === 'not-checked', `${JSON.stringify(text.slice(0, 40))} gave "${p.message}"`);
    assert.ok(!p.message.includes(marker.slice(0, 4)), `${JSON.stringify(text.slice(0, 40))} quotes the source`);
  }
  return problems.length;
}

describe('syntax messages', () => {
  for (const [code, text] of byCode) {
    test(`${code}: ${JSON.stringify(text.slice(0, 30))}`, () => {
      const codes = parseDocuments(text).flatMap((d) => d.errors.map((e) => e.code));
      assert.ok(codes.includes(code as never), `expected ${code}, got ${codes.join(', ')}`);
      assert.ok(parseManifest(text).problems.length > 0);
      assertFixed(text);
    });
  }

  test('the two messages of the audit', () => {
    assert.deepEqual(
      parseManifest('value: >Sup3rS3cretPa55\n').problems.map((p) => p.message),
      ['Text follows the block scalar header (| or >) on its line; the value belongs on the lines below'],
    );
    assert.ok(parseManifest('value: | Sup3rS3cretPa55\n').problems.every((p) => !p.message.includes('Sup3r')));
  });

  test('an unknown code or message gets the generic sentence, never the error text', () => {
    const message = syntaxMessage({ code: 'SOMETHING_NEW', message: `Something new: ${marker}` });
    assert.equal(message, 'The YAML is malformed here');
    assert.equal(syntaxMessage({ code: 'UNEXPECTED_TOKEN', message: `Unexpected scalar token in YAML stream: "${marker}"` }).includes(marker), false);
  });

  test('invalid .kube-harden.yaml is described without its text', () => {
    const { problems } = loadConfigText(`rules: {a: "${marker}\n`);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^invalid YAML: /);
    assert.ok(!problems[0].message.includes(marker));
  });

  test('property: random damage to a manifest never yields a message of the parser', () => {
    const base = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: ${marker}\n  note: "${marker} x"\n  key: |\n    ${marker}\n  list: [a, ${marker}]\n`;
    const damage = ['"', "'", '>', '|', '[', ']', '{', '}', '\t', ' ', '\n', '&', '*', '!', '%', '@', '`', ':', '- ', '? ', '#', ','];
    let seed = 17;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let problems = 0;
    for (let i = 0; i < 400; i++) {
      let text = base;
      for (let j = 0; j < 1 + random(3); j++) {
        const at = random(text.length);
        text = text.slice(0, at) + damage[random(damage.length)] + text.slice(at + random(2));
      }
      problems += assertFixed(text);
    }
    assert.ok(problems > 100, `only ${problems} problems: the damage is too mild to test anything`);
  });
});
