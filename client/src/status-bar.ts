// The status bar item: the active YAML file's Pod Security level, target version and finding count,
// as last reported by the server's `kubeHarden/status` notification. Hidden for other editors. The
// same report sets the context key `kubeHarden.isKubernetesFile`, which shows the Harden commands.

import * as vscode from 'vscode';
import type { StatusParams } from './protocol';
import { isKubernetesFile, statusPresentation } from './presentation';

/** The context key of the `when` clauses in package.json: the active editor holds Kubernetes resources kube-harden checks. */
export const kubernetesContextKey = 'kubeHarden.isKubernetesFile';

/** Sets the context key when its value changes (each setContext is a round trip to the renderer). */
const kubernetesContext = {
  value: undefined as boolean | undefined,
  set(value: boolean): void {
    if (value === this.value) return;
    this.value = value;
    void vscode.commands.executeCommand('setContext', kubernetesContextKey, value);
  },
};

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly statuses = new Map<string, StatusParams>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.window.createStatusBarItem('kubeHarden.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'kube-harden';
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      // Forget closed documents so the map does not grow with every file ever opened.
      vscode.workspace.onDidCloseTextDocument((document) => this.statuses.delete(document.uri.toString())),
      vscode.workspace.onDidOpenTextDocument(() => this.render()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('kubeHarden.enable')) this.render();
      }),
    );
    this.render();
  }

  /** Records a status from the server; `uri` must already be in VS Code's string form. */
  update(uri: string, status: StatusParams): void {
    this.statuses.set(uri, status);
    if (vscode.window.activeTextEditor?.document.uri.toString() === uri) this.render();
  }

  /** Drops every status, e.g. when the server restarts and will report afresh. */
  clear(): void {
    this.statuses.clear();
    this.render();
  }

  private render(): void {
    const document = vscode.window.activeTextEditor?.document;
    kubernetesContext.set(isKubernetesFile(document && document.languageId === 'yaml' ? this.statuses.get(document.uri.toString()) : undefined));
    if (!document || document.languageId !== 'yaml') {
      this.item.hide();
      return;
    }
    if (!vscode.workspace.getConfiguration('kubeHarden', document.uri).get<boolean>('enable', true)) {
      this.item.hide();
      return;
    }
    const { text, tooltip } = statusPresentation(this.statuses.get(document.uri.toString()));
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
