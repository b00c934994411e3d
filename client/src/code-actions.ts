// The code actions in VS Code, through one provider registered as the extension activates instead of
// the language client's, which registers once the server has started. VS Code does not wait for a
// provider that comes later, and cancels a request when one registers during it: a "Fix All" run while
// the server was starting answered "No fix all action available". This one waits for the server.

import * as vscode from 'vscode';
import { CodeActionRequest, CodeActionResolveRequest, LanguageClient } from 'vscode-languageclient/node';
import { withoutConfirmation } from './commands';

/** The server's code-action kinds (`codeActionKinds` in server/src/lsp/protocol.ts). */
const hardenKind = vscode.CodeActionKind.RefactorRewrite.append('kubeHarden');
const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('kubeHarden');

/**
 * The server marks its "Harden this workload" edit `needsConfirmation`; VS Code's refactor preview
 * shows such edits unchecked, so its Apply would do nothing. Without the mark the action applies
 * directly, and the code-action menu still offers its own preview (Ctrl+Enter) for refactorings.
 */
function plain<T extends vscode.CodeAction | vscode.Command>(action: T): T {
  if (action instanceof vscode.CodeAction && action.edit && action.kind && hardenKind.contains(action.kind)) action.edit = withoutConfirmation(action.edit);
  return action;
}

export function registerCodeActions(client: LanguageClient, selector: vscode.DocumentSelector, ready: () => Promise<boolean>): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    async provideCodeActions(document, range, context, token) {
      if (!(await ready()) || token.isCancellationRequested) return [];
      const c2p = client.code2ProtocolConverter;
      const params = { textDocument: c2p.asTextDocumentIdentifier(document), range: c2p.asRange(range), context: await c2p.asCodeActionContext(context, token) };
      const result = await client.sendRequest(CodeActionRequest.type, params, token);
      if (!result || token.isCancellationRequested) return [];
      return (await client.protocol2CodeConverter.asCodeActionResult(result, token)).map(plain);
    },
    // Fix all and Harden come without their edit, computed when chosen (they re-lint up to ten rounds).
    async resolveCodeAction(item, token) {
      if (!(await ready())) return item;
      const resolved = await client.sendRequest(CodeActionResolveRequest.type, await client.code2ProtocolConverter.asCodeAction(item, token), token);
      return resolved ? plain(await client.protocol2CodeConverter.asCodeAction(resolved, token)) : item;
    },
  };
  return vscode.languages.registerCodeActionsProvider(selector, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, fixAllKind, hardenKind] });
}
