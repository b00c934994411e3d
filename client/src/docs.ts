// Opens a rule's documentation inside VS Code: the page that ships in the extension's folder
// (rules/<family>/<id>.md, docs/*.md), in the Markdown preview, so it works offline. The server's
// "Show documentation" code action comes through here too; the web page is the fallback.

import * as vscode from 'vscode';

const docFilePattern = /^(rules\/[a-z0-9-]+\/[a-z0-9-]+|docs\/[a-z0-9-]+(\/[a-z0-9-]+)?)\.md$/;

/** Shows the bundled page in the Markdown preview; false when the extension has no such file. */
export async function showBundledDoc(extensionUri: vscode.Uri, file: unknown): Promise<boolean> {
  if (typeof file !== 'string' || !docFilePattern.test(file)) return false;
  const uri = vscode.Uri.joinPath(extensionUri, ...file.split('/'));
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    return false;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    // Without the built-in Markdown extension the page still opens, as text.
    await vscode.window.showTextDocument(uri, { preview: true });
  }
  return true;
}

/** The bundled page when there is one, else the web page in the browser. */
export async function showDocumentation(extensionUri: vscode.Uri, docsUrl: string, file: string): Promise<void> {
  if (await showBundledDoc(extensionUri, file)) return;
  await vscode.env.openExternal(vscode.Uri.parse(docsUrl));
}
