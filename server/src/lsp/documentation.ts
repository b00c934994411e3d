// "Show documentation": opens a rule's page from the files that ship beside the server bundle (the
// VSIX holds rules/<family>/<id>.md and docs/*.md), so it works offline; the repository's web page
// is the fallback when the file is not there or the client cannot show documents.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { ServerContext } from './context';

/** A documentation file relative to the package root, as `docFile` of the catalog names them. */
const docFilePattern = /^(rules\/[a-z0-9-]+\/[a-z0-9-]+|docs\/[a-z0-9-]+(\/[a-z0-9-]+)?)\.md$/;

/** The folder holding the server's package.json: the extension's folder, or the repository. */
export function packageRoot(from: string = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The `file:` URL of a bundled documentation page, or undefined when it is not on disk. */
export function bundledDoc(file: unknown, root = packageRoot()): string | undefined {
  if (typeof file !== 'string' || !docFilePattern.test(file) || !root) return undefined;
  const path = join(root, ...file.split('/'));
  return existsSync(path) ? pathToFileURL(path).href : undefined;
}

/** Arguments: the page's web URL, then its file relative to the package root. */
export async function showDocumentation(ctx: ServerContext, url: unknown, file?: unknown): Promise<null> {
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new ResponseError(ErrorCodes.InvalidParams, 'expected a documentation URL');
  const local = bundledDoc(file);
  if (ctx.client.capabilities.window?.showDocument?.support) {
    // The bundled page opens in the editor itself; only without it does the browser get the web page.
    const shown = local ? await ctx.connection.window.showDocument({ uri: local, takeFocus: true }) : undefined;
    if (!shown?.success) await ctx.connection.window.showDocument({ uri: url, external: true });
  } else ctx.showInfo(`kube-harden documentation: ${local ?? url}`);
  return null;
}
