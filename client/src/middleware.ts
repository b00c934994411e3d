// The language client's middleware: what VS Code does differently from other clients with the
// server's Harden code action (no opt-in preview) and code lens (the client's command, with its diff).

import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { withoutConfirmation } from './commands';
import { showBundledDoc } from './docs';
import { commands as serverCommands } from './protocol';

/** The server's code-action kind for Harden (`codeActionKinds.harden` in server/src/lsp/protocol.ts). */
const hardenKind = vscode.CodeActionKind.RefactorRewrite.append('kubeHarden');

/** The middleware for the extension at `extensionUri` (its bundled documentation). */
export function clientMiddleware(extensionUri: vscode.Uri): Middleware {
  return {
    // The server marks its "Harden this workload" edit `needsConfirmation`; VS Code's refactor preview
    // shows such edits unchecked, so its Apply would do nothing. Without the mark the action applies
    // directly, and the code-action menu still offers its own preview (Ctrl+Enter) for refactorings.
    async provideCodeActions(document, range, context, token, next) {
      const actions = await next(document, range, context, token);
      for (const action of actions ?? []) {
        if (action instanceof vscode.CodeAction && action.edit && action.kind && hardenKind.contains(action.kind)) {
          action.edit = withoutConfirmation(action.edit);
        }
      }
      return actions;
    },
    // The server's lens runs its own harden command, which applies at once: in VS Code the lens runs
    // "Harden this workload" at that workload instead, which shows the change as a diff first.
    async provideCodeLenses(document, token, next) {
      const lenses = await next(document, token);
      for (const lens of lenses ?? []) {
        if (lens.command?.command !== serverCommands.harden) continue;
        const position: unknown = lens.command.arguments?.[1];
        lens.command = { ...lens.command, command: 'kubeHarden.hardenPod', arguments: [{ uri: document.uri.toString(), position }] };
      }
      return lenses;
    },
    // The server defers the Harden edit to `codeAction/resolve` (it re-lints up to ten rounds): the
    // same mark comes off the resolved edit.
    async resolveCodeAction(item, token, next) {
      const action = await next(item, token);
      if (action?.edit && action.kind && hardenKind.contains(action.kind)) action.edit = withoutConfirmation(action.edit);
      return action;
    },
    // "Show documentation" opens the page shipped in the extension, in the Markdown preview.
    async executeCommand(command, args, next) {
      if (command === serverCommands.showDocumentation && (await showBundledDoc(extensionUri, args[1]))) return undefined;
      return next(command, args);
    },
  };
}
