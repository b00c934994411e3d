import { LanguageClient, TransportKind, Position, WorkspaceEdit, NotificationType, RequestType } from 'vscode-languageclient/node';
const p: Position = { line: 1, character: 2 };
const w: WorkspaceEdit = { changes: {} };
export const all = [LanguageClient, TransportKind.ipc, p, w, new NotificationType<string>('x'), new RequestType<string, string, void>('y')];
