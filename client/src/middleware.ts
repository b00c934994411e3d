// The language client's middleware: what VS Code does differently from other clients with the
// server's code lens (the client's Harden command, with its diff). Code actions: code-actions.ts.

import type { Middleware } from 'vscode-languageclient/node';
import { commands as serverCommands } from './protocol';

export const middleware: Middleware = {
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
};
