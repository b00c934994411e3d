// The server's stdio encoding writes diagnostics from kept pieces: its bytes must be exactly the
// UTF-8 of JSON.stringify, for every message, before and after the pieces are kept.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Message } from 'vscode-languageserver/node';
import { encodeMessage } from '../../server/src/lsp/json-encoding';

const plain = (message: unknown) => Buffer.from(JSON.stringify(message), 'utf8');

function diagnostics(n: number, message = (i: number) => `Container "app-${i}" may run as root`) {
  return Array.from({ length: n }, (_, i) => ({
    range: { start: { line: i, character: 4 }, end: { line: i, character: 9 } },
    severity: 2,
    code: 'run-as-non-root',
    codeDescription: { href: 'https://example.test/run-as-non-root.md' },
    source: 'kube-harden',
    message: message(i),
  }));
}

const publish = (list: unknown[], version?: number) =>
  ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/a%20b.yaml', ...(version === undefined ? {} : { version }), diagnostics: list } }) as unknown as Message;

describe('stdio JSON encoding', () => {
  test('a publication is the bytes of JSON.stringify, when its pieces are new and when they are kept', () => {
    const list = diagnostics(500);
    const message = publish(list, 7);
    assert.deepEqual(encodeMessage(message), plain(message));
    assert.deepEqual(encodeMessage(message), plain(message), 'again, from kept pieces');
    const next = publish([...list.slice(0, 200), ...diagnostics(3), ...list.slice(300)], 8);
    assert.deepEqual(encodeMessage(next), plain(next), 'some pieces kept, some new');
  });

  test('a full pull report is written from pieces too; an unchanged one, short lists and other messages plainly', () => {
    const full = { jsonrpc: '2.0', id: 12, result: { kind: 'full', resultId: '3|k', items: diagnostics(100) } } as unknown as Message;
    assert.deepEqual(encodeMessage(full), plain(full));
    const unchanged = { jsonrpc: '2.0', id: 13, result: { kind: 'unchanged', resultId: '3|k' } } as unknown as Message;
    assert.deepEqual(encodeMessage(unchanged), plain(unchanged));
    for (const message of [publish(diagnostics(3), 1), publish([]), { jsonrpc: '2.0', id: 1, result: null }, { jsonrpc: '2.0', method: 'x', params: { items: diagnostics(70) } }]) {
      assert.deepEqual(encodeMessage(message as unknown as Message), plain(message));
    }
  });

  test('text that is not ASCII is UTF-8, in a diagnostic, in the envelope or elsewhere', () => {
    const accented = publish(diagnostics(100, (i) => (i === 50 ? 'Conteneur « café » — ☕ 𝔘' : `plain ${i}`)));
    assert.deepEqual(encodeMessage(accented), plain(accented));
    const uri = { ...publish(diagnostics(100)), params: { uri: 'file:///w/café.yaml', diagnostics: diagnostics(100) } } as unknown as Message;
    assert.deepEqual(encodeMessage(uri), plain(uri));
    const hover = { jsonrpc: '2.0', id: 2, result: { contents: { kind: 'markdown', value: 'Namespace’s label — “restricted”' } } } as unknown as Message;
    assert.deepEqual(encodeMessage(hover), plain(hover));
  });
});
