// Diagnostics delivery: pulled by the client (answered from the snapshot, refreshed when the
// workspace changes) or pushed by the server (coalesced per burst of messages), one or the other.

import { Diagnostic, DocumentDiagnosticReport, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { ChangeSet, errorMessage, touches } from '../engine';
import { ServerContext } from './context';
import { StatusNotification } from './protocol';
import { Snapshot } from './snapshot';
import { Snapshots } from './snapshots';

export class Delivery {
  private readonly pending = new Map<string, NodeJS.Immediate>();
  /** Document messages received so far, to tell when a burst has been applied. */
  private arrivals = 0;
  /**
   * Pull: the last report sent per document. A new version or new workspace facts that leave the
   * diagnostics as they were answer `unchanged`: VS Code resets its pending code-action requests
   * (a "Fix All" just issued among them) whenever a file's markers are replaced, even by equal ones.
   */
  private readonly delivered = new Map<string, { resultId: string; items: readonly Diagnostic[] }>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly snapshots: Snapshots,
  ) {}

  /** Re-diagnoses every open document (but `except`, whose own change caused it). */
  revalidateAll(except?: string): void {
    const { client, connection, documents } = this.ctx;
    // The lenses count findings, which the same changes move.
    if (client.capabilities.workspace?.codeLens?.refreshSupport)
      connection.sendRequest('workspace/codeLens/refresh').catch((error) => this.ctx.log(`Code lens refresh failed: ${errorMessage(error)}`));
    if (client.pull) {
      if (client.refreshSupport) connection.languages.diagnostics.refresh().catch((error) => this.ctx.log(`Diagnostic refresh failed: ${errorMessage(error)}`));
    } else {
      for (const doc of documents.all()) if (doc.uri !== except) this.schedule(doc.uri);
    }
  }

  /** A document's facts changed: the other open documents about the same namespaces are re-diagnosed. */
  factsChanged(uri: string, changes: ChangeSet): void {
    const { documents, model, paths } = this.ctx;
    // Files whose role changed (a kustomization now uses one as a patch) are re-diagnosed too.
    const affected = documents.all().filter((d) => d.uri !== uri && (changes.files.has(paths.keyOf(d.uri)) || touches(changes.namespaces, model.namespacesOfFile(paths.keyOf(d.uri)))));
    if (affected.length === 0) return;
    setImmediate(() => (this.ctx.client.pull ? this.revalidateAll(uri) : affected.forEach((d) => this.schedule(d.uri))));
  }

  /**
   * Push: publishes the document's diagnostics. Pull: analyses it without publishing, so the model
   * takes its editor text now and the documents that read its facts are refreshed, though the
   * client may never pull this one.
   */
  schedule(uri: string): void {
    this.arrivals++;
    if (!this.pending.has(uri)) this.arm(uri, -1);
  }

  /**
   * Runs the document's turn once a whole tick passes without another document message: the rest of
   * a burst the client already sent (another file's edit this version depends on) is applied first,
   * so no version is published from facts that a later publication for the same version corrects.
   * setImmediate coalesces without a timed debounce; the connection reads one message per tick.
   */
  private arm(uri: string, seen: number): void {
    const timer = setImmediate(() => {
      if (seen !== this.arrivals) return this.arm(uri, this.arrivals);
      this.pending.delete(uri);
      const work = this.ctx.client.pull ? this.snapshots.get(uri) : this.publish(uri);
      work.catch((error) => this.ctx.log(`Diagnosing ${uri} failed: ${errorMessage(error)}`));
    });
    this.pending.set(uri, timer);
  }

  /** A closed document: nothing pending, and (push) its diagnostics cleared. */
  closed(uri: string): void {
    this.arrivals++;
    const timer = this.pending.get(uri);
    if (timer) clearImmediate(timer);
    this.pending.delete(uri);
    this.delivered.delete(uri);
    if (!this.ctx.client.pull) this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  }

  private async publish(uri: string): Promise<void> {
    const snapshot = await this.snapshots.get(uri);
    // Drop results for a version that is no longer current; the newer change has its own turn.
    if (!snapshot || this.ctx.documents.get(uri)?.version !== snapshot.version) return;
    await this.ctx.connection.sendDiagnostics({ uri, version: snapshot.version, diagnostics: snapshot.diagnostics });
    this.sendStatus(snapshot);
  }

  sendStatus(snapshot: Snapshot): void {
    this.ctx.connection.sendNotification(StatusNotification, snapshot.status).catch(() => undefined);
  }

  /** `textDocument/diagnostic`. */
  async pull(uri: string, previousResultId: string | undefined, cancelled: () => boolean): Promise<DocumentDiagnosticReport> {
    try {
      const snapshot = await this.snapshots.get(uri);
      if (cancelled()) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
      if (!snapshot) return { kind: 'full', items: [] };
      this.sendStatus(snapshot);
      const last = this.delivered.get(uri);
      const items = snapshot.diagnostics;
      if (last && previousResultId === last.resultId && sameDiagnostics(last.items, items)) return { kind: 'unchanged', resultId: last.resultId };
      const resultId = `${snapshot.version}|${snapshot.key}`;
      this.delivered.set(uri, { resultId, items });
      return { kind: 'full', resultId, items: snapshot.diagnostics };
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      this.ctx.log(`Diagnostics failed on ${uri}: ${errorMessage(error)}`);
      return { kind: 'full', items: [] };
    }
  }
}

/**
 * Equal lists mean equal markers. Most diagnostics are the very objects of the last version (see
 * findingToDiagnostic), so only the others are compared as text: a long file's list is megabytes.
 */
function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i] || JSON.stringify(d) === JSON.stringify(b[i]));
}
