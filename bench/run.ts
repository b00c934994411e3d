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
import { check, lint, mergeConfig, parseManifest } from '../server/src/engine';
import { scanFolder } from '../server/src/io';
import { rules, workspaceExtractors } from '../rules';
import { fixAndLimits } from './fix-and-limits';
import { renderedSourcesCost } from './rendered-sources';
import { kustomizeBench } from './kustomize';
import { kustomizeRenderBench } from './kustomize-render';
import { manifest } from './manifests';
import { median, ms, percentile } from './stats';

const root = resolve(__dirname, '..');
const corpus = resolve(root, '../shared/reference/corpus');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 30;
// `--only workspace` (or latency, secrets, cli, limits, rendered, kustomize, kustomize-render) runs one section: for a quick look at one figure.
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1] : undefined;
const section = (name: string) => only === undefined || only === name;

interface Server {
  process: ChildProcess;
  connection: ProtocolConnection;
  waitFor(uri: string, version: number): Promise<PublishDiagnosticsParams>;
}

async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, [join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
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

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function latency(server: Server, name: string, text: string): Promise<{ open: number[]; change: number[]; diagnostics: number }> {
  const open: number[] = [];
  const change: number[] = [];
  let diagnostics = 0;
  for (let r = 0; r < Math.max(5, Math.round(runs / 3)); r++) {
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
  await opened;
  // Type one character into the image tag of a container half-way down the file, then delete it.
  const lines = text.split('\n');
  const line = lines.findIndex((l, i) => i >= lines.length / 2 && l.includes('image:'));
  const character = lines[Math.max(0, line)].length;
  for (let v = 2; v < runs + 2; v++) {
    const insert = v % 2 === 0;
    const range = insert ? { start: { line, character }, end: { line, character } } : { start: { line, character }, end: { line, character: character + 1 } };
    const started = performance.now();
    const done = server.waitFor(uri, v);
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ range, text: insert ? '1' : '' }] });
    await done;
    change.push(performance.now() - started);
  }
  await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  return { open, change, diagnostics };
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/server.js'))) throw new Error('build first: node esbuild.mjs --production');
  const inputs: Array<[string, string]> = [100, 1000, 10000].map((n): [string, string] => [`${n} lines`, manifest(n)]);
  const argo = join(corpus, 'argo-cd__install.yaml');
  if (existsSync(argo)) inputs.push(['argo-cd install.yaml', readFileSync(argo, 'utf8')]);

  console.log(`kube-harden benchmark — node ${process.version}, ${runs} runs per measure\n`);
  if (section('latency')) await latencies(inputs);
  if (section('secrets')) secretsOverhead();
  if (section('workspace')) await networkIndex();
  if (section('cli')) cliThroughput();
  if (section('limits')) fixAndLimits(root, corpus);
  if (section('rendered')) renderedSourcesCost(corpus, runs);
  if (section('kustomize')) kustomizeBench(root, runs);
  if (section('kustomize-render')) await kustomizeRenderBench(runs);
}

/** Keystroke and open latencies through the server, the engine alone, and memory with large files open. */
async function latencies(inputs: ReadonlyArray<[string, string]>): Promise<void> {
  console.log('| input | lines | diagnostics | didOpen → diagnostics (median / p90) | 1-char change → diagnostics (median / p90) | engine parse+lint (median) |');
  console.log('|---|---|---|---|---|---|');
  const server = await startServer();
  for (const [name, text] of inputs) {
    const { open, change, diagnostics } = await latency(server, name.replace(/\W+/g, '-'), text);
    const engine: number[] = [];
    for (let r = 0; r < 5; r++) check(text, { config: mergeConfig(), rules });
    for (let r = 0; r < Math.max(5, Math.round(runs / 3)); r++) {
      const started = performance.now();
      check(text, { config: mergeConfig(), rules });
      engine.push(performance.now() - started);
    }
    console.log(
      `| ${name} | ${text.split('\n').length} | ${diagnostics} | ${ms(median(open))} / ${ms(percentile(open, 90))} | ${ms(median(change))} / ${ms(percentile(change, 90))} | ${ms(median(engine))} |`,
    );
  }
  // Memory with the largest inputs open at once.
  for (const [name, text] of inputs.slice(-2)) {
    const uri = `file:///bench/memory-${name.replace(/\W+/g, '-')}.yaml`;
    const done = server.waitFor(uri, 1);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await done;
  }
  console.log(`\nServer resident memory with the two largest files open: ${rssMb(server.process.pid!).toFixed(1)} MB`);
  server.process.kill();
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
