// The requests a user triggers: code actions and their lazy resolution, hover, go-to-definition, Harden (request and
// command), the rule list and the documentation command.

import { CodeAction, ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { LineIndex, mergeConfig } from '../engine';
import { codeActions, resolveCodeAction } from './code-actions';
import { codeLenses } from './code-lens';
import { definition } from './definition';
import { showDocumentation } from './documentation';
import { ServerContext } from './context';
import { hardenSnapshot } from './harden';
import { hardenTitle } from './harden-places';
import { hover } from './hover';
import { commands, FinishSuggestion, HardenParams, HardenRequest, HardenResult, ListRulesRequest } from './protocol';
import { listRules } from './rules-list';
import { settingsToConfig } from './settings';
import { Snapshots } from './snapshots';

export function registerRequests(ctx: ServerContext, snapshots: Snapshots): void {
  const { connection } = ctx;
  const log = (message: string) => ctx.log(message);

  connection.onCodeAction(
    ctx.guard('codeAction', [], async (params, token) => {
      const snapshot = await snapshots.get(params.textDocument.uri);
      if (!snapshot || token.isCancellationRequested) return [];
      const actions = await codeActions(snapshot, params, ctx.client.edits, log, () => token.isCancellationRequested, { readFile: (uri) => ctx.readOtherFile(uri), git: (uri) => ctx.gitStateOf(uri) });
      // A chart's rendered findings are fixed in its values file, an overlay's in its base or its own patch, apart from the file's own analysis.
      const only = params.context.only;
      const quickFixes = !only?.length || only.some((kind) => kind === 'quickfix' || kind === '');
      if (!quickFixes) return actions;
      const { uri } = params.textDocument;
      return [...actions, ...(ctx.helm?.codeActions(uri, params.range) ?? []), ...(ctx.overlays?.codeActions(uri, params.range, ctx.client.edits, params.context.diagnostics) ?? [])];
    }),
  );

  connection.onCodeActionResolve(async (action: CodeAction) => {
    // A failure leaves the action as offered, without an edit, rather than failing the request.
    const resolve = ctx.guard('codeAction/resolve', action, async (a: CodeAction) => {
      const uri = (a.data as { uri?: unknown } | undefined)?.uri;
      const snapshot = typeof uri === 'string' ? await snapshots.get(uri) : undefined;
      return resolveCodeAction(snapshot, a, ctx.client.edits, log);
    });
    return resolve(action);
  });

  connection.onCodeLens(
    ctx.guard('codeLens', [], async (params, token) => {
      const snapshot = await snapshots.get(params.textDocument.uri);
      return !snapshot || token.isCancellationRequested ? [] : codeLenses(snapshot);
    }),
  );

  registerNavigation(ctx, snapshots);

  const hardenDocument = async (params: HardenParams): Promise<HardenResult> => {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'kubeHarden/harden needs textDocument.uri');
    const snapshot = await snapshots.get(uri);
    if (!snapshot) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is not open`);
    const lines = snapshot.analysis?.file.lines ?? new LineIndex(snapshot.text);
    const offset = params.position ? lines.offset(params.position) : undefined;
    return hardenSnapshot(snapshot, offset, ctx.client.edits, log);
  };
  connection.onRequest(HardenRequest, ctx.guard('kubeHarden/harden', { edit: null, workloads: [], cannotFix: [], message: 'Harden failed; see the kube-harden output.' }, hardenDocument));

  const rulesFor = ctx.guard('kubeHarden/listRules', { rules: [] as ReturnType<typeof listRules>['rules'] }, async () => {
    // No document to scope to: the window's settings and the outermost folder's config file.
    const folders = ctx.configs.folderPaths;
    const folder = folders[folders.length - 1];
    const [userSettings, file] = await Promise.all([ctx.settings.get(undefined), folder ? ctx.configs.forFolder(folder) : Promise.resolve({ config: {} })]);
    return listRules(mergeConfig(settingsToConfig(userSettings), file.config), userSettings.enable);
  });
  connection.onRequest(ListRulesRequest, () => rulesFor(undefined));

  connection.onExecuteCommand(
    ctx.guard('executeCommand', null, async (params) => {
      const args = params.arguments ?? [];
      if (params.command === commands.showDocumentation) return showDocumentation(ctx, args[0], args[1]);
      if (params.command === commands.finishSuggestion) return finishSuggestion(ctx, args[0] as FinishSuggestion);
      if (params.command === commands.harden) return hardenCommand(ctx, hardenDocument, args);
      throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command}`);
    }),
  );
}

/** Hover and go-to-definition: what the findings and the families say about the position. */
function registerNavigation(ctx: ServerContext, snapshots: Snapshots): void {
  const { connection } = ctx;
  connection.onHover(
    ctx.guard('hover', null, async (params, token) => {
      const snapshot = await snapshots.get(params.textDocument.uri);
      if (!snapshot || token.isCancellationRequested) return null;
      return hover(snapshot, params.position, (key) => ctx.paths.uriOf(key));
    }),
  );

  connection.onDefinition(
    ctx.guard('definition', null, async (params, token) => {
      const snapshot = await snapshots.get(params.textDocument.uri);
      if (!snapshot || token.isCancellationRequested) return null;
      return definition(snapshot, params.position, {
        uriOf: (key) => ctx.paths.uriOf(key),
        readText: (uri) => ctx.readOtherFile(uri),
        linkSupport: ctx.client.capabilities.textDocument?.definition?.linkSupport === true,
      });
    }),
  );
}

/** The Harden command (the code lens, other editors): hardens the workload at the position and applies the edit at once. */
async function hardenCommand(ctx: ServerContext, hardenDocument: (params: HardenParams) => Promise<HardenResult>, args: unknown[]): Promise<HardenResult> {
  const [uri, position] = args as [string, HardenParams['position']];
  const result = await hardenDocument({ textDocument: { uri }, position });
  if (result.edit) {
    const applied = await ctx.connection.workspace.applyEdit({ label: hardenTitle, edit: result.edit });
    if (!applied.applied) return { ...result, message: `Not applied${applied.failureReason ? `: ${applied.failureReason}` : ''}.` };
  }
  ctx.showInfo(result.message);
  return result;
}

/**
 * After a suggestion's edit of the manifest: writes its other files and shows what it added. VS Code
 * saves the files of an edit marked as a refactoring (files.refactoring.autoSave), so a new Secret
 * file and the `.gitignore` entry that covers it reach the disk together; the manifest stays unsaved.
 * A client that cannot show documents still gets the files.
 */
async function finishSuggestion(ctx: ServerContext, args: FinishSuggestion | undefined): Promise<{ applied: boolean }> {
  if (!args || typeof args !== 'object') throw new ResponseError(ErrorCodes.InvalidParams, 'expected the suggestion to finish');
  if (args.edit) {
    const result = await ctx.connection.workspace.applyEdit({ label: 'kube-harden', edit: args.edit, metadata: { isRefactoring: true } });
    if (!result.applied) {
      ctx.showInfo(`kube-harden: the other files were not written${result.failureReason ? `: ${result.failureReason}` : ''}.`);
      return { applied: false };
    }
  }
  if (args.show && typeof args.show.uri === 'string' && ctx.client.capabilities.window?.showDocument?.support) {
    await ctx.connection.window.showDocument({ uri: args.show.uri, takeFocus: true, ...(args.show.selection ? { selection: args.show.selection } : {}) });
  }
  return { applied: true };
}
