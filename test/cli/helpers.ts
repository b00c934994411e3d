// Shared by the CLI tests: builds the real bundle once, runs `node dist/cli.js` as a child process
// on temporary folders, and writes manifests into them.

import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempTree } from '../helpers/temp-tree';

export const root = resolve(__dirname, '../..');
/** KUBE_HARDEN_CLI points the tests at another bundle (e.g. a production build) and skips the build. */
export const cliPath = process.env.KUBE_HARDEN_CLI ? resolve(process.env.KUBE_HARDEN_CLI) : join(root, 'dist/cli.js');

let built = false;
export function buildOnce(): void {
  if (built || process.env.KUBE_HARDEN_CLI) return;
  const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node esbuild.mjs failed:\n${result.stderr}`);
  if (!existsSync(cliPath)) throw new Error(`${cliPath} was not built`);
  built = true;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv }): Run {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function runJson(args: string[], options: { cwd: string; input?: string }): Run & { json: JsonReport } {
  const run = runCli(['check', '--format', 'json', ...args], options);
  let json: JsonReport;
  try {
    json = JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  return { ...run, json };
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  category: string;
  severity: string;
  message: string;
  pss: string | null;
  level: string | null;
  resource: { kind: string; name: string; namespace: string | null };
  equivalents: string[];
  compliance: string[];
}

export interface JsonReport {
  findings: JsonFinding[];
  errors: Array<{ file: string; message: string }>;
}

const temps: string[] = [];

/** A fresh temporary folder holding `files` (path → content); removed by `cleanTemps`. */
export function tempWorkspace(files: Record<string, string> = {}): string {
  const dir = tempTree('kube-harden-cli-', files);
  temps.push(dir);
  return dir;
}

export function cleanTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Joins lines written without indentation into a manifest (keeps the YAML readable in tests). */
export function yaml(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

export const privilegedPod = yaml(
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web',
  'spec:',
  '  containers:',
  '  - name: app',
  '    image: nginx',
  '    securityContext:',
  '      privileged: true',
);

export const hardenedPod = yaml(
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: safe',
  'spec:',
  '  securityContext:',
  '    runAsNonRoot: true',
  '    seccompProfile:',
  '      type: RuntimeDefault',
  '  containers:',
  '  - name: app',
  '    image: nginx',
  '    securityContext:',
  '      allowPrivilegeEscalation: false',
  '      capabilities:',
  '        drop: ["ALL"]',
);
