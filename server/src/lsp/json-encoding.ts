// How the server's messages become bytes on stdio. The diagnostics of a long file are megabytes,
// sent again after every keystroke though few of them changed: each diagnostic's JSON is made once
// and kept with it (diagnostics are never written to, see findingToDiagnostic), and the message is
// copied together from those pieces. An ASCII text is written as Latin-1, the same bytes as UTF-8
// by one copy: V8's UTF-8 writer ran at about 300 MB/s, 6–9 ms of each keystroke in a 50,000-line file.

import { Message, PublishDiagnosticsNotification } from 'vscode-languageserver/node';

type Json = Record<string, unknown>;

/** A diagnostic's JSON, for those whose JSON is ASCII. */
const pieces = new WeakMap<object, string>();

/** Below this many diagnostics the plain encoding is as fast. */
const smallList = 64;

export const jsonEncoder = {
  name: 'application/json',
  encode: (message: Message): Promise<Uint8Array> => Promise.resolve(encodeMessage(message)),
};

export function encodeMessage(message: Message): Buffer {
  return withDiagnostics(message as unknown as Json) ?? encodeText(JSON.stringify(message));
}

function encodeText(text: string): Buffer {
  return isAscii(text) ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
}

/** Every character below 128: only then is the UTF-8 length the string's length. */
function isAscii(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') === text.length;
}

/** Where a message carries a list of diagnostics: a publication's, or a full pull report's. */
function listPlace(message: Json): [field: string, key: string] | undefined {
  if (message.method === PublishDiagnosticsNotification.method) return ['params', 'diagnostics'];
  const result = message.result as Json | null | undefined;
  if (typeof result === 'object' && result !== null && result.kind === 'full') return ['result', 'items'];
  return undefined;
}

/**
 * The message's JSON with its diagnostics written from their kept pieces: the same text as
 * JSON.stringify gives, for the list written last. Undefined for a short list, or when some text
 * is not ASCII (the plain encoding then does it).
 */
function withDiagnostics(message: Json): Buffer | undefined {
  const place = listPlace(message);
  if (!place) return undefined;
  const [field, key] = place;
  const { [field]: inner, ...envelope } = message;
  const { [key]: list, ...rest } = inner as Json;
  if (!Array.isArray(list) || list.length < smallList) return undefined;
  const head = JSON.stringify({ ...envelope, [field]: { ...rest, [key]: [] } });
  if (!head.endsWith('[]}}') || !isAscii(head)) return undefined;
  const parts: string[] = new Array(list.length);
  let length = head.length + list.length - 1;
  for (let i = 0; i < list.length; i++) {
    const part = pieceOf(list[i] as object);
    if (part === undefined) return undefined;
    parts[i] = part;
    length += part.length;
  }
  const out = Buffer.allocUnsafe(length);
  let at = out.write(head.slice(0, -3), 0, 'latin1');
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) at = out.writeUInt8(0x2c, at);
    at += out.write(parts[i], at, 'latin1');
  }
  out.write(']}}', at, 'latin1');
  return out;
}

function pieceOf(diagnostic: object): string | undefined {
  let piece = pieces.get(diagnostic);
  if (piece === undefined) {
    const text = JSON.stringify(diagnostic);
    if (!isAscii(text)) return undefined;
    pieces.set(diagnostic, (piece = text));
  }
  return piece;
}
