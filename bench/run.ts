// The benchmark: latency from didOpen and from a one-character change to diagnostics, measured
// against the real bundled server over stdio; server memory; CLI throughput over the corpus; and
// the engine alone. Not part of `npm test`: timings belong here, not in unit tests.
//
// Usage: npm run bench [-- --runs 40]

import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
import { check, mergeConfig } from '../server/src/engine';
import { rules } from '../rules';
import { manifest } from './manifests';
import { median, ms, percentile } from './stats';

const root = resolve(__dirname, '..');
const corpus = resolve(root, '../shared/reference/corpus');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 30;

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
    waitFor: (uri, version) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 60_000);
      waiters.set(uri, { version, resolve: (p) => { clearTimeout(timer); resolve(p); } });
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
    const range = insert
      ? { start: { line, character }, end: { line, character } }
      : { start: { line, character }, end: { line, character: character + 1 } };
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
    console.log(`| ${name} | ${text.split('\n').length} | ${diagnostics} | ${ms(median(open))} / ${ms(percentile(open, 90))} | ${ms(median(change))} / ${ms(percentile(change, 90))} | ${ms(median(engine))} |`);
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
    console.log(`CLI over the corpus (${files.length} files, ${(bytes / 1048576).toFixed(1)} MB): ${ms(median(times))} median per run, process start included → ${(files.length / t).toFixed(1)} files/s, ${(bytes / 1048576 / t).toFixed(1)} MB/s`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
