// The `kube-harden` command: argv in, report out, exit code 0 (clean), 1 (problems) or 2 (usage or
// I/O error). Same engine, same rule catalog and same `.kube-harden.yaml` as the language server.
// Results go to stdout; everything else (notes, usage errors) goes to stderr.

import { docsUrl, rulesFor } from '../../../rules';
import { errorMessage, mergeConfig, PartialConfig } from '../engine';
// esbuild inlines only this field of the manifest into the bundle.
import { version } from '../../../package.json';
import { Invocation, parseCommandLine, usage, UsageError } from './args';
import { dirname, resolve } from 'node:path';
import { loadConfigFile, NearestConfigs } from './config-file';
import { formatGithub } from './format-github';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { formatRules } from './list-rules';
import { runCheck } from './run-check';

export interface Io {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  color: boolean;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let invocation: Invocation;
  try {
    invocation = parseCommandLine(argv);
  } catch (error) {
    return usageFailure(error, io);
  }

  switch (invocation.command) {
    case 'version':
      io.stdout(`${version}\n`);
      return 0;
    case 'help':
      io.stdout(`${usage}\n`);
      return 0;
    case 'rules':
      try {
        // The custom rules of the current directory's configuration are listed with the catalog.
        io.stdout(formatRules(rulesFor(mergeConfig((await loadConfigFile(undefined, io.cwd)).config)), invocation.format, docsUrl));
      } catch (error) {
        return usageFailure(error, io);
      }
      return 0;
    case 'check':
      break;
  }

  let fileConfig: PartialConfig;
  let policies = invocation.policies;
  try {
    const loaded = await loadConfigFile(invocation.config, io.cwd);
    fileConfig = loaded.config;
    // `policies.folder` of the configuration is relative to the file, as a path in a config file reads.
    if (fileConfig.policies?.folder) policies = [...policies, resolve(loaded.path ? dirname(loaded.path) : io.cwd, fileConfig.policies.folder)];
  } catch (error) {
    return usageFailure(error, io);
  }
  const flags: PartialConfig = {};
  if (invocation.level) flags.podSecurityLevel = invocation.level;
  if (invocation.kubernetesVersion) flags.kubernetesVersion = invocation.kubernetesVersion;
  const config = mergeConfig(fileConfig, flags);
  const rules = rulesFor(config);
  const nearest = new NearestConfigs(fileConfig, flags, io.cwd, invocation.config !== undefined);

  const render = invocation.noRender ? { enabled: false } : invocation.kustomizeCommand ? { enabled: true, command: invocation.kustomizeCommand } : undefined;
  const scan =
    invocation.scanImages || invocation.scanReports.length > 0
      ? { images: invocation.scanImages, reports: invocation.scanReports, ...config.imageScan, progress: (text: string) => io.stderr(`kube-harden: ${text}\n`) }
      : undefined;
  let result: Awaited<ReturnType<typeof runCheck>>;
  try {
    result = await runCheck({ paths: invocation.paths, cwd: io.cwd, config, rules, fix: invocation.fix, render, policies, configFor: (file) => nearest.forFile(file), scan });
  } catch (error) {
    return usageFailure(error, io);
  }
  for (const note of result.notes) io.stderr(`kube-harden: ${note}\n`);

  if (invocation.format === 'json') {
    io.stdout(formatJson(result));
    for (const s of result.skipped) io.stderr(`kube-harden: ${s.file}: ${s.reason}\n`);
    if (result.fixed.files > 0) io.stderr(`kube-harden: fixed ${result.fixed.findings} problem(s) in ${result.fixed.files} file(s)\n`);
  } else if (invocation.format === 'sarif') {
    io.stdout(formatSarif(result, { cwd: io.cwd, version, rules, docsUrl }));
    if (result.fixed.files > 0) io.stderr(`kube-harden: fixed ${result.fixed.findings} problem(s) in ${result.fixed.files} file(s)\n`);
  } else if (invocation.format === 'github') {
    io.stdout(formatGithub(result));
    if (result.fixed.files > 0) io.stderr(`kube-harden: fixed ${result.fixed.findings} problem(s) in ${result.fixed.files} file(s)\n`);
  } else {
    io.stdout(formatText(result, { color: io.color }));
  }

  if (result.errors.some((e) => e.kind === 'io')) return 2;
  // Checking nothing must not pass: a mistyped path in CI would otherwise go green silently.
  if (result.filesChecked === 0 && result.skipped.length === 0 && result.errors.length === 0) {
    io.stderr(`kube-harden: no *.yaml or *.yml files found in ${invocation.paths.length ? invocation.paths.join(', ') : 'the current directory'}\n`);
    return 2;
  }
  return result.findings.length > 0 || result.errors.length > 0 ? 1 : 0;
}

function usageFailure(error: unknown, io: Io): number {
  if (!(error instanceof UsageError)) throw error;
  io.stderr(`kube-harden: ${error.message}\nRun "kube-harden --help" for usage.\n`);
  return 2;
}

if (require.main === module) {
  // Set exitCode instead of calling process.exit so a large report piped to another process is flushed.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const io: Io = {
    cwd: process.cwd(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`kube-harden: internal error: ${errorMessage(error, { stack: true })}\n`);
      process.exitCode = 2;
    },
  );
}
