// Snapshots of the open documents: parse and lint once per (uri, version, settings, config file,
// workspace generation), incrementally per document, with the document's facts set in the workspace
// model from its current text before its rules run.

import { ChangeSet, check, extractTextFile, failureReason, mergeConfig, otherFileChecked, otherFileNames, policiesSignature } from '../engine';
import { manifestFile } from '../io';
import { rules, rulesFor } from '../../../rules';
import { DocumentAnalyzer, FileAnalysis } from './analysis';
import type { OverlayRenders } from './overlay-renders';
import { ServerContext } from './context';
import { WorkspaceIndexer } from './indexer';
import { settingsToConfig } from './settings';
import { buildSnapshot, configFileDiagnostics, Snapshot, withRendered } from './snapshot';
import { LastGoodAnalysis } from './last-good';

/**
 * Larger documents get a "not checked" note instead of diagnostics: parsing 5 MB of YAML takes
 * seconds, and the server must stay responsive while someone types. The CLI has no such limit.
 */
const maxDocumentSize = 3 * 1024 * 1024;

/**
 * The rules whose findings depend on the document alone, which may be carried while it is broken. The
 * schema rules read the workspace only for a custom resource's CRD, and the runtime rules only for
 * defaults declared elsewhere (a ServiceAccount's token setting, a LimitRange's defaults) and the
 * profile files that Localhost profiles name: carried too, or a broken line would blink every such
 * finding of the file off and on.
 */
const carriedCategories = new Set(['schema', 'runtime', 'images']);
const documentRules = new Set(rules.filter((r) => r.meta.scope !== 'workspace' || carriedCategories.has(r.meta.category)).map((r) => r.id));

export class Snapshots {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly analyzers = new Map<string, DocumentAnalyzer>();
  private readonly lastGood = new Map<string, LastGoodAnalysis>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly indexer: WorkspaceIndexer,
    /** Called when a document's own text changed what the workspace model holds. */
    private readonly factsChanged: (uri: string, changes: ChangeSet) => void,
    /** The rendered check of Kustomize overlays, whose diagnostics join each file's own. */
    private readonly renders?: OverlayRenders,
  ) {}

  /**
   * The document's snapshot. With `others`, the other open documents that changed since their last
   * analysis are analysed first: their facts in the model must be their editor text's, whether or
   * not the client pulled them (a pull may arrive before their scheduled analysis).
   */
  async get(uri: string, others = true): Promise<Snapshot | undefined> {
    const { documents, settings, configs, model } = this.ctx;
    if (!documents.get(uri)) return undefined;
    if (others) {
      await this.indexer.indexed();
      await this.indexer.settled();
      await this.declareOpen(uri);
    }
    const [userSettings, folder] = await Promise.all([settings.get(uri), configs.forDocument(uri)]);
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const config = mergeConfig(settingsToConfig(userSettings), folder.config);
    const lintKey = `${settings.generation}:${configs.generation}:${this.ctx.helm?.generation ?? 0}:${userSettings.enable}:${JSON.stringify(config)}`;
    // The model's generation is part of the snapshot's key (and of the pull result id), not of the
    // rules' cache keys: a change elsewhere re-runs only the rules that read what changed.
    const cached = this.snapshots.get(uri);
    const rendered = this.renders?.generation ?? 0;
    if (cached && cached.version === doc.version && cached.key === `${lintKey}:${model.generation}:${rendered}`) return cached;

    const text = doc.getText();
    const configFile = configs.isConfigFile(uri);
    const analysis = userSettings.enable && !configFile && this.isChecked(uri, text) ? this.analyze(uri, doc.version, text, config, lintKey) : undefined;
    if (!analysis && !configFile) this.declareText(uri, text);
    // Computed after the analysis, which may have changed the model with this document's facts.
    const key = `${lintKey}:${model.generation}:${rendered}`;
    let snapshot = buildSnapshot({ uri, version: doc.version, text, key, settings: userSettings, config, analysis });
    if (configFile) snapshot = { ...snapshot, diagnostics: configFileDiagnostics(text) };
    // Rendered findings (Kustomize overlays, Helm charts) come from the last render, made from the files
    // on disk at the last save or open.
    const renderKey = this.ctx.paths.keyOf(uri);
    const renderedFindings = userSettings.enable && !configFile ? [...(this.renders?.diagnosticsFor(renderKey) ?? []), ...(this.ctx.helm?.diagnosticsFor(renderKey) ?? [])] : [];
    if (renderedFindings.length > 0) snapshot = withRendered(snapshot, renderedFindings);
    this.snapshots.set(uri, snapshot);
    if (analysis?.changes) this.factsChanged(uri, analysis.changes);
    return snapshot;
  }

  private async declareOpen(except: string): Promise<void> {
    for (const doc of this.ctx.documents.all()) {
      if (doc.uri === except || this.snapshots.get(doc.uri)?.version === doc.version) continue;
      try {
        await this.get(doc.uri, false);
      } catch (error) {
        this.ctx.log(`Analysing ${doc.uri} failed: ${failureReason(error)}`);
      }
    }
  }

  /** Manifests are; another file the client sends (a `.json`) only when it holds a document a family checks. */
  private isChecked(uri: string, text: string): boolean {
    const key = this.ctx.paths.keyOf(uri);
    return manifestFile.test(key) || !otherFileNames().some((name) => name.test(key)) || otherFileChecked(key, text);
  }

  /**
   * A document that is not checked but that an extractor reads from its text (a scanner's report open
   * in the editor): its facts are its editor text's, as an analysis would have set them.
   */
  private declareText(uri: string, text: string): void {
    const key = this.ctx.paths.keyOf(uri);
    if (!this.indexer.isShared(uri)) return;
    const entry = extractTextFile(key, text, this.ctx.model.extractorList);
    const changes = entry && this.ctx.model.set(entry);
    if (changes) this.factsChanged(uri, changes);
  }

  /** A closed document's state goes; its facts are the disk's again (the indexer's job). */
  forget(uri: string): void {
    this.snapshots.delete(uri);
    this.analyzers.delete(uri);
    this.lastGood.delete(uri);
  }

  private analyze(uri: string, version: number, text: string, config: ReturnType<typeof mergeConfig>, key: string): FileAnalysis | undefined {
    const failed = new Set<string>();
    const onRuleError = (ruleId: string, error: unknown) => {
      // Once per rule and document version: the other rules still report.
      if (failed.has(ruleId)) return;
      failed.add(ruleId);
      // The error's message may quote the manifest (a secret among it): the log gets the engine's words and
      // the stack frames, which name only code.
      const frames =
        error instanceof Error
          ? (error.stack ?? '')
              .split('\n')
              .filter((line) => /^\s+at /.test(line))
              .slice(0, 8)
          : [];
      this.ctx.log([`Rule ${ruleId} failed on ${uri} (version ${version}): ${failureReason(error)}`, ...frames].join('\n'));
    };
    let analyzer = this.analyzers.get(uri);
    if (!analyzer) this.analyzers.set(uri, (analyzer = new DocumentAnalyzer()));
    const checked = rulesFor(config);
    const options = {
      config,
      rules: checked,
      key,
      onRuleError,
      maxSize: maxDocumentSize,
      model: this.ctx.model,
      file: this.ctx.paths.keyOf(uri),
      shared: this.indexer.isShared(uri),
      holdBrokenFacts: this.ctx.client.holdBrokenFacts,
    };
    try {
      const before = this.ctx.model.generation;
      const analysis = analyzer.analyze(text, options);
      // Without the broken documents' history (the property tests' oracle), no earlier findings either.
      if (!this.ctx.client.holdBrokenFacts) return analysis;
      const generations = { before, after: this.ctx.model.generation };
      let lastGood = this.lastGood.get(uri);
      if (!lastGood) this.lastGood.set(uri, (lastGood = new LastGoodAnalysis()));
      // Namespace labels set the level of every rule: a finding is carried only under the same ones.
      const levels = policiesSignature(analysis.workspace?.namespacePolicies() ?? new Map());
      // A custom rule that reads only the manifest is carried too.
      const customOfDocument = new Set(checked.filter((r) => r.meta.category === 'policy' && r.meta.scope === 'document').map((r) => r.id));
      const carried = (ruleId: string) => documentRules.has(ruleId) || customOfDocument.has(ruleId);
      return lastGood.apply(text, `${key}|${levels}`, analysis, carried, generations);
    } catch (error) {
      this.ctx.log(`Incremental analysis failed on ${uri}; checking the whole file instead: ${failureReason(error)}`);
      this.analyzers.delete(uri);
      try {
        // Without the workspace model the workspace rules would see this file alone: they do not run.
        const result = check(text, { config, rules: checked.filter((r) => r.meta.scope !== 'workspace'), onRuleError });
        return { file: result.file, findings: result.findings, problems: result.problems, resources: result.resources };
      } catch (again) {
        this.ctx.log(`Could not check ${uri}: ${failureReason(again)}`);
        return undefined;
      }
    }
  }
}
