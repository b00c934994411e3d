// A syntax error on a line holding a secret is reported without quoting the line: in text, JSON and
// SARIF, from files and from standard input.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { malformedSecrets, secretParts, syntaxSecret } from '../helpers/malformed-secrets';
import { buildOnce, cleanTemps, runCli, tempWorkspace } from './helpers';

function assertNoLeak(what: string, output: string): void {
  const leaked = secretParts().filter((part) => output.includes(part));
  assert.deepEqual(leaked, [], `${what} quotes the secret`);
}

describe('syntax errors do not reveal the source', () => {
  let cwd: string;
  before(() => {
    buildOnce();
    cwd = tempWorkspace(malformedSecrets);
  });
  after(cleanTemps);

  for (const format of ['text', 'json', 'sarif']) {
    test(`--format ${format}`, () => {
      const run = runCli(['check', '--format', format, '.'], { cwd });
      assert.equal(run.code, 1);
      for (const file of Object.keys(malformedSecrets)) assert.ok(run.stdout.includes(file), `${file} is reported`);
      assertNoLeak(`${format} (stdout)`, run.stdout);
      assertNoLeak(`${format} (stderr)`, run.stderr);
    });
  }

  test('standard input and --fix', () => {
    for (const [file, text] of Object.entries(malformedSecrets)) {
      const stdin = runCli(['check', '--format', 'json', '-'], { cwd, input: text });
      assert.equal(stdin.code, 1, file);
      assertNoLeak(`${file} from stdin`, stdin.stdout + stdin.stderr);
    }
    const fix = runCli(['check', '--fix', '.'], { cwd });
    assertNoLeak('--fix', fix.stdout + fix.stderr);
  });

  test('the secret is really in the files', () => {
    assert.ok(Object.values(malformedSecrets).every((text) => text.includes(syntaxSecret)));
  });
});
