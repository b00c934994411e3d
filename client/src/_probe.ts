import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import * as vscode from 'vscode';
export const x: typeof LanguageClient | undefined = undefined;
export const y = vscode.version + TransportKind.ipc;
