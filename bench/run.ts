// The benchmark: latency from didOpen and from a one-character change to diagnostics, measured
// against the real bundled server over stdio; server memory; CLI throughput over the corpus; and
// the engine alone. Not part of `npm test`: timings belong here, not in unit tests.
//
// Usage: npm run bench [-- --runs 40]

import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { check, documentRanges, lint, mergeConfig, parseManifest } from '../server/src/engine';
import { scanFolder } from '../server/src/io';
import { rules, workspaceExtractors } from '../rules';
import { fixAndLimits } from './fix-and-limits';
import { renderedSourcesCost } from './rendered-sources';
import { kustomizeBench } from './kustomize';
import { helmBench } from './helm';
import { kustomizeRenderBench } from './kustomize-render';
import { manifest } from './manifests';
import { schemaBench } from './schema';
import { rbacBench } from './rbac';
import { policiesBench } from './policies';
import { median, ms, percentile } from './stats';

const root = resolve(__dirname, '..');
const corpus = resolve(root, '../shared/reference/corpus');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 30;
// `--only workspace` (or latency, secrets, rbac, policies, cli, limits, rendered, kustomize, kustomize-render, helm, schema) runs one section: for a quick look at one figure.
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1] : undefined;
const section = (name: string) => only === undefined || only === name;
// `--match argo` keeps the latency rows whose input name matches.
// `--server path/to/server.js` measures another build (an earlier commit's, for a before/after under the same load).
const serverArg = process.argv.indexOf('--server');
const serverBundle = serverArg > 0 ? resolve(process.argv[serverArg + 1]) : join(root, 'dist/server.js');
const matchArg = process.argv.indexOf('--match');
const match = matchArg > 0 ? new RegExp(process.argv[matchArg + 1], 'i') : undefined;

interface Server {
  process: ChildProcess;
  connection: ProtocolConnection;
  waitFor(uri: string, version: number): Promise<PublishDiagnosticsParams>;
}

async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, [serverBundle, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiters = new Map<string, { version: number; resolve: (p: PublishDiagnosticsParams) => void }>();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    const waiter = waiters.get(params.uri);
    if (waiter && (params.version === undefined || params.version >= waiter.version)) {
      waiters.delete(params.uri);
      waiter.resolve(params);
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.onNotification('kubeHarden/status', () => undefined);
  connection.listen();
  // Push diagnostics only, like Neovim 0.7: the path with the server's debounce.
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { dynamicRegistration: false } }, workspace: { configuration: true } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    process: child,
    connection,
    waitFor: (uri, version) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 60_000);
        waiters.set(uri, {
          version,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      }),
  };
}

/** CPU time (user + system) the process has used, in ms: a measure a loaded machine disturbs less than wall time. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime, fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

interface Input {
  name: string;
  text: string;
  /** The line to type into (at its end); by default the first `image:` line of the second half. */
  line?: number;
  /** Skips the open measure when another row opens the same text. */
  keystrokeOnly?: boolean;
}

async function latency(server: Server, input: Input): Promise<{ open: number[]; change: number[]; diagnostics: number; cpu: number }> {
  const { text } = input;
  const name = input.name.replace(/\W+/g, '-');
  const open: number[] = [];
  const change: number[] = [];
  let diagnostics = 0;
  for (let r = 0; r < (input.keystrokeOnly ? 0 : Math.max(5, Math.round(runs / 3))); r++) {
    const uri = `file:///bench/${name}-${r}.yaml`;
    const started = performance.now();
    const done = server.waitFor(uri, 1);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    diagnostics = (await done).diagnostics.length;
    open.push(performance.now() - started);
    await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }
  const uri = `file:///bench/${name}-edit.yaml`;
  const opened = server.waitFor(uri, 1);
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  diagnostics = (await opened).diagnostics.length;
  // Type one character into the image tag of a container half-way down the file (or at the end of the
  // line asked for), then delete it.
  const lines = text.split('\n');
  const line = input.line ?? lines.findIndex((l, i) => i >= lines.length / 2 && l.includes('image:'));
  const character = lines[Math.max(0, line)].length;
  const cpuBefore = cpuMs(server.process.pid!);
  for (let v = 2; v < runs + 2; v++) {
    const insert = v % 2 === 0;
    const range = insert ? { start: { line, character }, end: { line, character } } : { start: { line, character }, end: { line, character: character + 1 } };
    const started = performance.now();
    const done = server.waitFor(uri, v);
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ range, text: insert ? '1' : '' }] });
    await done;
    change.push(performance.now() - started);
  }
  const cpu = (cpuMs(server.process.pid!) - cpuBefore) / runs;
  await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  return { open, change, diagnostics, cpu };
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/server.js'))) throw new Error('build first: node esbuild.mjs --production');
  const inputs: Input[] = [100, 1000, 10000, 50000].map((n) => ({ name: `${n.toLocaleString('en-US')} lines`, text: manifest(n) }));
  const argo = join(corpus, 'argo-cd__install.yaml');
  if (existsSync(argo)) {
    const text = readFileSync(argo, 'utf8');
    inputs.push({ name: 'argo-cd install.yaml', text });
    inputs.push({ name: 'argo-cd, inside its largest document', text, line: middleOfLargestDocument(text), keystrokeOnly: true });
  }

  console.log(`kube-harden benchmark — node ${process.version}, ${runs} runs per measure\n`);
  if (section('latency')) await latencies(inputs.filter((i) => !match || match.test(i.name)));
  if (section('secrets')) secretsOverhead();
  if (section('workspace')) await networkIndex();
  if (section('rbac')) {
    const { graph, keystroke } = rbacBench(corpus, runs);
    if (graph !== undefined) goal('RBAC permission graph of argo-cd install.yaml (median)', graph, 20, 'ms');
    goal("RBAC rules' share of a 1-char change in a 1,000-line manifest (median)", keystroke, 2, 'ms');
  }
  if (section('policies')) goal('50 admission policies of the workspace: added to a 1-char change in a 1,000-line manifest (median)', policiesBench(runs), 5, 'ms');
  if (section('cli')) cliThroughput();
  if (section('limits')) {
    const { hardenAll } = fixAndLimits(root, corpus);
    if (hardenAll !== undefined) goal('Harden all workloads of argo-cd install.yaml (median)', hardenAll, 100, 'ms');
  }
  if (section('rendered')) renderedSourcesCost(corpus, runs);
  if (section('kustomize')) kustomizeBench(root, runs);
  if (section('kustomize-render')) await kustomizeRenderBench(runs);
  if (section('helm')) await helmBench(runs);
  if (section('schema')) schemaBench(root, runs);
  printGoals();
}

/** The line in the middle of the file's largest YAML document (argo-cd's 23,000-line ApplicationSet CRD). */
function middleOfLargestDocument(text: string): number {
  const [start, end] = documentRanges(text).reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a));
  const first = text.slice(0, start).split('\n').length - 1;
  return first + Math.floor(text.slice(start, end).split('\n').length / 2);
}

/** The issue's speed goals (#17), each beside the figure measured for it in this run. */
const goals: Array<{ figure: string; goal: string; value?: string; met?: boolean }> = [];

function goal(figure: string, value: number, limit: number, unit: 'ms' | 'MB' | 'MB/s'): void {
  const met = unit === 'MB/s' ? value >= limit : value <= limit;
  const show = (n: number) => (unit === 'ms' ? ms(n) : `${n.toFixed(1)} ${unit}`);
  goals.push({ figure, goal: `${unit === 'MB/s' ? '≥' : '≤'} ${show(limit)}`, value: show(value), met });
}

function printGoals(): void {
  if (goals.length === 0) return;
  console.log('\nGoals (issue 17):');
  console.log('| figure | measured | goal | met |');
  console.log('|---|---|---|---|');
  for (const g of goals) console.log(`| ${g.figure} | ${g.value} | ${g.goal} | ${g.met ? 'yes' : 'NO'} |`);
}

/** Keystroke and open latencies through the server, the engine alone, and memory with large files open. */
async function latencies(inputs: readonly Input[]): Promise<void> {
  console.log('| input | lines | diagnostics | didOpen → diagnostics (median / p90) | 1-char change → diagnostics (median / p90) | server CPU per change (mean) | engine parse+lint (median) |');
  console.log('|---|---|---|---|---|---|---|');
  const server = await startServer();
  for (const input of inputs) {
    const { name, text } = input;
    const { open, change, diagnostics, cpu } = await latency(server, input);
    const engine: number[] = [];
    if (!input.keystrokeOnly) {
      for (let r = 0; r < 3; r++) check(text, { config: mergeConfig(), rules });
      for (let r = 0; r < Math.max(5, Math.round(runs / 6)); r++) {
        const started = performance.now();
        check(text, { config: mergeConfig(), rules });
        engine.push(performance.now() - started);
      }
    }
    const or = (list: number[], f: (l: number[]) => string) => (list.length ? f(list) : '—');
    console.log(
      `| ${name} | ${text.split('\n').length} | ${diagnostics} | ${or(open, (o) => `${ms(median(o))} / ${ms(percentile(o, 90))}`)} | ${ms(median(change))} / ${ms(percentile(change, 90))} | ${cpu.toFixed(1)} ms | ${or(engine, (e) => ms(median(e)))} |`,
    );
    if (name === '10,000 lines') goal('1-char change → diagnostics, 10,000 lines (median)', median(change), 30, 'ms');
    if (name === '50,000 lines') goal('1-char change → diagnostics, 50,000 lines (p90)', percentile(change, 90), 60, 'ms');
    if (input.keystrokeOnly) goal("1-char change → diagnostics inside argo-cd's largest document (p90)", percentile(change, 90), 60, 'ms');
    else if (name.startsWith('argo-cd')) goal('didOpen argo-cd install.yaml → diagnostics (median)', median(open), 400, 'ms');
  }
  // Memory with the largest inputs open at once: in the server that has just run every measure above
  // (the goal's figure), and in a fresh one that opens only them.
  const largest = inputs
    .filter((input, i) => inputs.findIndex((other) => other.text === input.text) === i)
    .sort((a, b) => b.text.length - a.text.length)
    .slice(0, 2);
  const rss = await residentWith(server, largest);
  server.process.kill();
  const fresh = await startServer();
  const freshRss = await residentWith(fresh, largest);
  fresh.process.kill();
  console.log(
    `\nServer resident memory with the two largest files open (${largest.map((i) => i.name).join(', ')}): ${memory(rss)} after the measures above; ${memory(freshRss)} in a fresh server that opened only them`,
  );
  // The issue measured its 143–175 MB opening argo-cd alone: that figure, in a fresh server.
  const argo = inputs.find((input) => input.name.startsWith('argo-cd') && !input.keystrokeOnly);
  if (argo) {
    const alone = await startServer();
    const argoRss = await residentWith(alone, [argo]);
    alone.process.kill();
    console.log(`Server resident memory with argo-cd install.yaml open, in a fresh server: ${memory(argoRss)}`);
    goal("server RSS with argo-cd open, settled (fresh server: the issue's measure)", argoRss.settled, 150, 'MB');
  }
  goal('server RSS with the two largest files open, settled, after the measures above', rss.settled, 150, 'MB');
}

/** How long the server is left idle before its memory is read again: it compacts its heap after 1.5 s. */
const settleMs = 3000;

interface Resident {
  /** When the last diagnostics arrive. */
  at: number;
  /** After `settleMs` without a message: what the server holds while the files stay open. */
  settled: number;
}

const memory = (r: Resident) => `${r.at.toFixed(1)} MB when the diagnostics arrive, ${r.settled.toFixed(1)} MB ${settleMs / 1000} s later`;

/** The server's resident memory once it has published the diagnostics of each input, opened anew. */
async function residentWith(server: Server, inputs: readonly Input[]): Promise<Resident> {
  for (const { name, text } of inputs) {
    const uri = `file:///bench/memory-${name.replace(/\W+/g, '-')}.yaml`;
    const done = server.waitFor(uri, 1);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await done;
  }
  const at = rssMb(server.process.pid!);
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  return { at, settled: rssMb(server.process.pid!) };
}

function cliThroughput(): void {
  if (existsSync(corpus)) {
    const files = readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f));
    const bytes = files.reduce((n, f) => n + readFileSync(join(corpus, f)).length, 0);
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      const started = performance.now();
      const result = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'check', '--format', 'json', corpus], { encoding: 'utf8', maxBuffer: 1 << 28 });
      times.push(performance.now() - started);
      if (result.status === 2) throw new Error(`CLI failed: ${result.stderr}`);
    }
    const t = median(times) / 1000;
    goal('CLI over the corpus, start-up included', bytes / 1048576 / t, 5, 'MB/s');
    console.log(
      `CLI over the corpus (${files.length} files, ${(bytes / 1048576).toFixed(1)} MB): ${ms(median(times))} median per run, process start included → ${(files.length / t).toFixed(1)} files/s, ${(bytes / 1048576 / t).toFixed(1)} MB/s`,
    );
  }
}

/**
 * The cost of the `secrets` rules: the engine's re-diagnosis (parse, then lint) of a 1,000-line manifest
 * whose containers carry env vars (credential-like names, a token, ordinary values), with and without
 * those rules, after a one-character change (values memoised from the previous run, as in the server)
 * and with every value new (nothing memoised: the worst case, e.g. the first check of a file). Each run
 * times both sets on their own fresh parse, in alternating order; the overhead is the median of the
 * per-run differences, which a loaded machine disturbs less than a difference of medians.
 */
function secretsOverhead(): void {
  const withEnv = (salt: string) =>
    manifest(820).replace(
      /^( {8}image: registry\.example\.com\/service-(\d+):.*)$/gm,
      (line, _l, i) =>
        `${line}\n        env:\n        - name: LOG_LEVEL\n          value: info\n        - name: DB_PASSWORD\n          value: pw-${i}-${salt}\n        - name: GH_TOKEN\n          value: ghp_${'A'.repeat(30)}${String(i).padStart(6, '0')}\n        - name: API_URL\n          value: https://api.example.com/${salt}`,
    );
  const base = withEnv('a');
  const config = mergeConfig();
  const secrets = rules.filter((r) => r.meta.category === 'secrets');
  const without = rules.filter((r) => r.meta.category !== 'secrets');
  const time = (text: string, set: readonly (typeof rules)[number][]) => {
    const started = performance.now();
    check(text, { config, rules: set });
    return performance.now() - started;
  };
  const n = Math.max(41, runs);
  const cases = { warm: { all: [] as number[], without: [] as number[], diff: [] as number[] }, cold: { all: [] as number[], without: [] as number[], diff: [] as number[] } };
  const only: number[] = [];
  for (let r = 0; r < 5; r++) time(base, rules);
  for (let r = 0; r < n; r++) {
    // One character typed into a value half-way down, alternating, like the latency measure above.
    const texts = { warm: base.replace('value: info', r % 2 ? 'value: infox' : 'value: info'), cold: withEnv(`run${r}`) };
    for (const name of ['warm', 'cold'] as const) {
      const c = cases[name];
      const [a, w] = r % 2 ? [time(texts[name], rules), time(texts[name], without)] : ((w0) => [time(texts[name], rules), w0])(time(texts[name], without));
      c.all.push(a);
      c.without.push(w);
      c.diff.push(a - w);
    }
    const file = parseManifest(texts.warm);
    const started = performance.now();
    lint(file, { config, rules: secrets });
    only.push(performance.now() - started);
  }
  const lines = base.split('\n').length;
  console.log(`\nSecrets rules on a ${lines}-line manifest (${(base.match(/- name: /g) ?? []).length} env vars and containers), engine parse+lint, median of ${n}:`);
  console.log('| case | without secrets rules | with secrets rules | overhead (median of differences) |');
  console.log('|---|---|---|---|');
  for (const [name, c] of [
    ['re-diagnosis after a 1-char change', cases.warm],
    ['every value new (nothing memoised)', cases.cold],
  ] as const) {
    console.log(`| ${name} | ${ms(median(c.without))} | ${ms(median(c.all))} | ${ms(median(c.diff))} |`);
  }
  console.log(`The secrets rules alone on the parsed file (re-diagnosis): ${ms(median(only))} median.`);
}

/** One manifest file of the generated workspace: a Deployment and a Service, and every other file a NetworkPolicy. */
function workspaceFile(i: number): string {
  const ns = `shop-${i % 50}`;
  const policy =
    i % 2 === 0
      ? `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-service-${i}\n  namespace: ${ns}\nspec:\n  podSelector:\n    matchLabels:\n      app: service-${i}\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: service-${i}\n`
      : '';
  return (
    manifest(40)
      .replace(/namespace: shop/g, `namespace: ${ns}`)
      .replace(/service-(\d+)/g, (_, n) => `service-${i}-${n}`)
      .replace(/app: service-(\d+)-0$/gm, `app: service-${i}`) + policy
  );
}

/**
 * The workspace index: indexing 5,000 manifest files (the engine's scan, and the server from start-up
 * until a workload's finding is cleared by a policy on disk), and the update after editing one file:
 * a policy edited in an open editor, and a policy file changed on disk (didChangeWatchedFiles), each
 * until the other open document is re-diagnosed.
 */
async function networkIndex(): Promise<void> {
  const count = 5000;
  const dir = mkdtempSync(join(tmpdir(), 'kube-harden-bench-ws-'));
  try {
    for (let i = 0; i < count; i++) {
      const sub = join(dir, `team-${i % 20}`);
      if (i < 20) mkdirSync(sub);
      writeFileSync(join(sub, `app-${i}.yaml`), workspaceFile(i));
    }
    const app = (name: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop-0\nspec:\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers: [{name: c, image: x}]\n`;
    const policy = (name: string, app: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: shop-0\nspec:\n  podSelector:\n    matchLabels: {app: ${app}}\n`;
    const diskPolicy = join(dir, 'disk-policy.yaml');
    writeFileSync(diskPolicy, policy('disk', 'bench-disk'));

    const scans: number[] = [];
    let facts = 0;
    for (let r = 0; r < 3; r++) {
      const started = performance.now();
      const found = await scanFolder(dir, workspaceExtractors());
      scans.push(performance.now() - started);
      facts = found.entries.size;
    }

    const child = spawn(process.execPath, [join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const published = new Map<string, PublishDiagnosticsParams[]>();
    let waiter: (() => void) | undefined;
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      published.set(params.uri, [...(published.get(params.uri) ?? []), params]);
      waiter?.();
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    connection.onRequest('client/registerCapability', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('kubeHarden/status', () => undefined);
    connection.listen();
    const isolated = (p: PublishDiagnosticsParams) => !p.diagnostics.some((d) => d.code === 'network-ingress-isolation');
    const until = (uri: string, seen: number, want: boolean) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${uri} never became ${want ? 'isolated' : 'open'}`)), 120_000);
        const test = () => (published.get(uri) ?? []).slice(seen).some((p) => isolated(p) === want);
        waiter = () => {
          if (test()) {
            clearTimeout(timer);
            waiter = undefined;
            resolve();
          }
        };
        waiter();
      });
    const started = performance.now();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { configuration: true, workspaceFolders: true } },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    const diskApp = pathToFileURL(join(dir, 'open-disk-app.yaml')).href;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: diskApp, languageId: 'yaml', version: 1, text: app('bench-disk') } });
    await until(diskApp, 0, true);
    const serverIndexing = performance.now() - started;
    const rss = rssMb(child.pid!);

    // One-file updates: a policy in an open editor, toggled between selecting the open workload and not.
    const appUri = pathToFileURL(join(dir, 'open-app.yaml')).href;
    const policyUri = pathToFileURL(join(dir, 'open-policy.yaml')).href;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: appUri, languageId: 'yaml', version: 1, text: app('bench-app') } });
    await until(appUri, 0, false);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: policyUri, languageId: 'yaml', version: 1, text: policy('open', 'bench-x') } });
    const editor: number[] = [];
    const n = Math.max(20, runs);
    for (let v = 2; v < n + 2; v++) {
      const select = v % 2 === 0;
      const seen = published.get(appUri)?.length ?? 0;
      const t0 = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: policyUri, version: v },
        contentChanges: [{ text: policy('open', select ? 'bench-app' : 'bench-x') }],
      });
      await until(appUri, seen, select);
      editor.push(performance.now() - t0);
    }
    // A policy file changed on disk, as a file watcher reports it.
    const disk: number[] = [];
    for (let r = 0; r < n; r++) {
      const select = r % 2 === 1;
      writeFileSync(diskPolicy, policy('disk', select ? 'bench-disk' : 'bench-nope'));
      const seen = published.get(diskApp)?.length ?? 0;
      const t0 = performance.now();
      await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(diskPolicy).href, type: 2 }] });
      await until(diskApp, seen, select);
      disk.push(performance.now() - t0);
    }
    child.kill();

    console.log(`\nWorkspace index over ${count} manifest files (${facts} with facts, ${Math.round((count * workspaceFile(1).split('\n').length) / 1000)}k lines):`);
    console.log(`- engine scan (read, parse, extract facts): ${ms(median(scans))} median of ${scans.length}`);
    console.log(`- server: initialize → workspace indexed and an open workload re-diagnosed: ${ms(serverIndexing)}; resident memory then: ${rss.toFixed(1)} MB`);
    console.log(`- policy edited in an open editor → the other open document re-diagnosed: ${ms(median(editor))} median / ${ms(percentile(editor, 90))} p90 (${editor.length} edits)`);
    console.log(`- policy file changed on disk (didChangeWatchedFiles) → the open document re-diagnosed: ${ms(median(disk))} median / ${ms(percentile(disk, 90))} p90 (${disk.length} changes)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
