// The `check` command without any output: reads every input into the workspace model first so that
// the Namespace labels and facts of any file apply to every other file, lints each file once, applies safe fixes
// when asked, and returns plain results with 1-based positions for the formatters.

import { promises as fs } from 'node:fs';
import {
  Config,
  failureReason,
  extractParsed,
  extractText,
  Finding,
  fixAll,
  LineIndex,
  lint,
  LintOptions,
  otherFileChecked,
  ParsedFile,
  parseManifest,
  readsFile,
  readsRawFile,
  textFileNames,
  textReaders,
  reportedProblems,
  RuleDefinition,
  Severity,
  WorkspaceModel,
} from '../engine';
import { renderedSources, RenderSource, rulesFor, workspaceExtractors } from '../../../rules';
import { manifestFile } from '../io';
import { ancestorIgnores } from './ancestor-ignores';
import { describeIoError, expandPaths, Input, InputError, readInput } from './files';
import { renderedCheck } from './render-overlays';
import { attachScans, ScanRequest } from './image-scans';

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ReportedFinding extends Position {
  file: string;
  finding: Finding;
  /** The chart template or Kustomize source the finding's document was rendered from, when it names one. */
  source?: RenderSource;
  /** The Kustomize overlay whose rendering has this finding (it is reported on the file that causes it). */
  overlay?: string;
}

export interface ReportedError {
  file: string;
  message: string;
  /** Present for syntax errors. */
  position?: Position;
  /** `io` errors (unreadable input, failed write) make the exit code 2. */
  kind: 'io' | 'syntax';
  /** For syntax errors: the severity `yaml-syntax` is configured at. */
  severity?: Severity;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface CheckResult {
  findings: ReportedFinding[];
  errors: ReportedError[];
  skipped: SkippedFile[];
  /** Files that were read and parsed (with or without findings). */
  filesChecked: number;
  /** Files rewritten by --fix, and how many findings their fixes removed. */
  fixed: { files: number; findings: number };
  /** Every input's name in the order they were checked, for grouping the report. */
  order: string[];
  /** Notes for the user that are not results (shown on stderr). */
  notes: string[];
}

export interface CheckRequest {
  paths: readonly string[];
  cwd: string;
  config: Config;
  rules: readonly RuleDefinition[];
  fix: boolean;
  /** Render Kustomize overlays (default: as the config says, else yes); `command` overrides the config's. */
  render?: { enabled: boolean; command?: string };
  /** The configuration of one file (the nearest config file); `config` for every file when absent. */
  configFor?: (absolute: string | undefined) => Promise<Config>;
  /** Vulnerability scans: images scanned, reports imported (`--scan-images`, `--scan-report`). */
  scan?: ScanRequest;
  /** `--policies`: paths read into the workspace (the admission policies that judge the others), never checked. */
  policies?: readonly string[];
}

export interface Loaded {
  input: Input;
  text: string;
  bom: boolean;
  /** The file parsed in pass 1, when it fit the budget: pass 2 lints this tree instead of parsing again. */
  parsed?: ParsedFile;
}

/**
 * How much text pass 1 parses whole and keeps for pass 2 (a parsed tree takes about nine times its
 * text): below it each file is parsed once; beyond it, only the documents an extractor reads are
 * parsed in pass 1 and the file again in pass 2, so memory stays bounded on any workspace.
 */
const keptTextBudget = 16 * 1024 * 1024;

export async function runCheck(request: CheckRequest): Promise<CheckResult> {
  const extractors = workspaceExtractors(request.rules);
  const named = extractors.flatMap((e) => e.fileNames ?? []);
  const { inputs, errors: pathErrors } = await expandPaths(request.paths, request.cwd, named, textFileNames(extractors));
  const result: CheckResult = { findings: [], errors: [], skipped: [], filesChecked: 0, fixed: { files: 0, findings: 0 }, order: [], notes: [] };
  result.errors.push(...pathErrors.map((e: InputError) => ({ ...e, kind: 'io' as const })));
  result.order.push(...pathErrors.map((e) => e.file), ...inputs.map((i) => i.display));

  const { loaded, model } = await loadWorkspace([...inputs, ...(await ancestorIgnores(inputs))], extractors, result, request);
  if (request.scan) await attachScans(model, loaded, request.scan, request.cwd, result);
  const options = {
    config: request.config,
    rules: request.rules,
    onRuleError: (ruleId: string, error: unknown) => {
      // An error's own message may quote the manifest (a secret among it): only the engine's words go out.
      result.notes.push(`rule ${ruleId} failed and was skipped: ${failureReason(error)}`);
    },
  };

  // Overlays are rendered after the plain check, whose findings they are deduped against.
  const rendered = renderedCheck(model, request);

  // Pass 2: lint each file once; fix only where a safe fix exists.
  for (const entry of loaded) {
    const { input } = entry;
    const file = entry.parsed ?? parseManifest(entry.text);
    entry.text = '';
    entry.parsed = undefined;
    if (file.skipped) {
      result.skipped.push({ file: input.display, reason: file.skipped });
      continue;
    }
    result.filesChecked++;
    const config = (await request.configFor?.(input.absolute)) ?? request.config;
    const syntax = file.problems.filter((p) => p.code === 'yaml-syntax');
    // `yaml-syntax: off` hides the errors, not the caution: a broken file is still never fixed.
    for (const problem of reportedProblems(syntax, config)) {
      const position = positionOf(file.lines, problem.offset, problem.length);
      result.errors.push({
        file: input.display,
        message: `line ${position.line}, column ${position.column}: ${problem.message}`,
        position,
        kind: 'syntax',
        severity: problem.severity,
      });
    }
    // A document left unchecked in a file that was checked (its merges expand too far) says so too.
    for (const problem of file.problems.filter((p) => p.code === 'not-checked')) {
      result.skipped.push({ file: input.display, reason: `line ${positionOf(file.lines, problem.offset, 0).line}: ${problem.message}` });
    }
    const fileOptions = { ...options, config, rules: config === request.config ? request.rules : rulesFor(config), workspace: model.view(keyOf(input)) };
    let findings = lint(file, fileOptions).findings;
    let final = file;

    // A broken file's findings carry no fix, but --fix still says why it left the file alone.
    if (request.fix && (findings.some((f) => f.fix) || syntax.length > 0)) {
      const fixed = await fixFile(entry, file, fileOptions, syntax.length > 0 ? undefined : findings.length, result);
      if (fixed) ({ findings, file: final } = fixed);
    }

    rendered?.record(keyOf(input), input.display, final, findings);
    const sourceOf = renderedSources(final);
    for (const finding of findings) {
      const source = sourceOf(finding);
      result.findings.push({ file: input.display, finding, ...positionOf(final.lines, finding.offset, finding.length), ...(source ? { source } : {}) });
    }
  }
  if (rendered) {
    const mapped = await rendered.report(options, result.notes);
    result.findings.push(...mapped);
    // Fixed in the base, every overlay gets it; in the overlay, only that one: a choice for the user, not for CI.
    if (request.fix && mapped.length > 0)
      result.notes.push(
        `--fix leaves the ${mapped.length} finding(s) of rendered overlays to you: fix each in its base (every overlay) or in its overlay (a patch); the editor's quick fixes offer both.`,
      );
  }
  return result;
}

/**
 * Pass 1: reads everything into the workspace model (the paths given are the workspace), so that the
 * Namespace labels and the facts of any file are known before any file is linted. Only the documents
 * some rule reads are parsed in full here; syntax trees are not kept.
 */
async function loadWorkspace(
  inputs: readonly Input[],
  extractors: ReturnType<typeof workspaceExtractors>,
  result: CheckResult,
  request: CheckRequest,
): Promise<{ loaded: Loaded[]; model: WorkspaceModel }> {
  const loaded: Loaded[] = [];
  const model = new WorkspaceModel(extractors);
  let kept = 0;
  for (const input of inputs) {
    const read = await readInput(input);
    if ('error' in read) {
      result.errors.push({ file: input.display, message: read.error, kind: 'io' });
      continue;
    }
    if ('skipped' in read) {
      result.skipped.push({ file: input.display, reason: read.skipped });
      continue;
    }
    // A scanner's report (by its shape, whatever its name) is a fact of the workspace, not a file to check.
    if (textReaders(extractors, keyOf(input), read.text).length > 0) {
      model.set(extractText(keyOf(input), read.text, extractors));
      result.order.splice(result.order.indexOf(input.display), 1);
      continue;
    }
    // Another file found in a folder (a `.json`) is checked only when it holds a document some family
    // reads (a seccomp profile); files an extractor reads by name (a Kustomization) always count.
    if (input.found && !manifestFile.test(input.absolute!) && !extractors.some((e) => readsFile(e, keyOf(input))) && !otherFileChecked(input.absolute!, read.text)) {
      result.order.splice(result.order.indexOf(input.display), 1);
      continue;
    }
    // A file read for its text only (a .gitignore) is a fact of the workspace, not a manifest to check.
    if (readsRawFile(extractors, keyOf(input))) {
      model.set(extractText(keyOf(input), read.text, extractors));
      continue;
    }
    if (kept + read.text.length <= keptTextBudget) {
      kept += read.text.length;
      const parsed = parseManifest(read.text);
      model.set(extractParsed(keyOf(input), parsed, extractors));
      loaded.push({ input, text: read.text, bom: read.bom, parsed });
      continue;
    }
    model.set(extractText(keyOf(input), read.text, extractors));
    loaded.push({ input, text: read.text, bom: read.bom });
  }
  await loadPolicies(request, model, extractors, result);
  return { loaded, model };
}

/** The files of `--policies` that are not checked anyway: their facts only (policies, bindings, parameters). */
async function loadPolicies(request: CheckRequest, model: WorkspaceModel, extractors: ReturnType<typeof workspaceExtractors>, result: CheckResult): Promise<void> {
  if (!request.policies?.length) return;
  const { inputs, errors } = await expandPaths(request.policies, request.cwd);
  result.errors.push(...errors.map((e: InputError) => ({ ...e, kind: 'io' as const })));
  for (const input of inputs) {
    if (model.has(keyOf(input))) continue;
    const read = await readInput(input);
    if ('error' in read) result.errors.push({ file: input.display, message: read.error, kind: 'io' });
    else if ('text' in read) model.set(extractText(keyOf(input), read.text, extractors));
  }
}

/** The workspace key of an input: its absolute path, or its display name for stdin. */
function keyOf(input: Input): string {
  return input.absolute ?? input.display;
}

/**
 * Applies the safe fixes to a file on disk; the findings left and the new text parsed, when it was written.
 * `before`: how many findings the file has; undefined when it has syntax errors.
 */
async function fixFile(entry: Loaded, file: ParsedFile, options: LintOptions, before: number | undefined, result: CheckResult): Promise<{ findings: Finding[]; file: ParsedFile } | undefined> {
  const { input, bom } = entry;
  if (input.absolute === undefined) {
    result.notes.push('--fix does not change standard input; its findings are reported as they are.');
    return undefined;
  }
  if (before === undefined) {
    // A half-parsed file is left alone: fixing around a syntax error could make it worse.
    result.notes.push(`${input.display}: not fixed because it has YAML syntax errors.`);
    return undefined;
  }
  const fixed = fixAll(file.text, options);
  const reparsed = fixed.text === file.text ? file : parseManifest(fixed.text);
  if (reparsed.problems.some((p) => p.code === 'yaml-syntax')) {
    result.notes.push(`${input.display}: not fixed because the fixed text would not parse; please report this.`);
    return undefined;
  }
  if (fixed.text === file.text) return undefined;
  try {
    await fs.writeFile(input.absolute, (bom ? '\ufeff' : '') + fixed.text, 'utf8');
  } catch (error) {
    result.errors.push({ file: input.display, message: describeIoError(error).replace('cannot read', 'cannot write'), kind: 'io' });
    return undefined;
  }
  result.fixed.files++;
  result.fixed.findings += Math.max(0, before - fixed.remaining.length);
  return { findings: fixed.remaining, file: reparsed };
}

/** 1-based line and column (UTF-16 code units), end exclusive as in SARIF. */
export function positionOf(lines: LineIndex, offset: number, length: number): Position {
  const start = lines.position(offset);
  const end = lines.position(offset + Math.max(0, length));
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}
