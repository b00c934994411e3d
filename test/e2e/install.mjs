// Installs the editor-test dependencies (test/editor: code-server, playwright-core, mocha) outside
// the clone, in a cache folder keyed by the lock file's hash, and returns its node_modules. A missing
// or half-written cache entry is always rebuilt from scratch with `npm ci`; nothing here downloads
// anything but npm packages (the ripgrep binary that code-server wants comes from Debian's ripgrep).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const editorDir = join(root, 'test/editor');

/** The cache entry for the current lock file (and Node major version: native modules are built for it). */
export function cacheDir() {
  const lock = readFileSync(join(editorDir, 'package-lock.json'));
  const key = createHash('sha256').update(lock).update(process.versions.node.split('.')[0]).digest('hex').slice(0, 16);
  const base = process.env.KUBE_HARDEN_EDITOR_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kube-harden-editor');
  return join(base, key);
}

/**
 * @vscode/ripgrep's postinstall downloads `rg` from GitHub unless it finds this tarball in the temp
 * folder; a tarball holding Debian's /usr/bin/rg satisfies it offline.
 */
function provideRipgrep(log) {
  // The @vscode/ripgrep version that code-server 4.100.3 depends on; update with the lock file.
  const version = '1.15.11';
  const cache = join(tmpdir(), `vscode-ripgrep-cache-${version}`);
  // The target triple @vscode/ripgrep asks for on this machine.
  const triple = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch] ?? `${process.arch}-unknown-linux-musl`;
  const tarball = join(cache, `ripgrep-v13.0.0-10-${triple}.tar.gz`);
  if (existsSync(tarball)) return;
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => existsSync(p));
  if (!rg) throw new Error('ripgrep is missing: install it first (Debian: apt-get install ripgrep; .ci/run does).');
  const staging = join(cache, 'staging');
  mkdirSync(staging, { recursive: true });
  copyFileSync(rg, join(staging, 'rg'));
  const tar = spawnSync('tar', ['-C', staging, '-czf', tarball, 'rg'], { stdio: 'inherit' });
  if (tar.status !== 0) throw new Error('could not build the ripgrep tarball');
  rmSync(staging, { recursive: true, force: true });
  log(`ripgrep: using ${rg} for @vscode/ripgrep`);
}

/**
 * Returns the node_modules folder holding code-server, playwright-core and mocha, installing it
 * first when the cache has no complete entry for this lock file. `fresh` ignores the cache.
 */
export function ensureEditorDeps({ fresh = false, log = (m) => console.log(m) } = {}) {
  const dir = cacheDir();
  const marker = join(dir, 'complete');
  if (!fresh && existsSync(marker)) return join(dir, 'node_modules');
  const started = Date.now();
  log(`editor deps: installing into ${dir} (cold install, about 1-2 minutes)`);
  provideRipgrep(log);
  // Install in a staging folder and rename it into place, so an interrupted install never looks complete.
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const name of ['package.json', 'package-lock.json']) copyFileSync(join(editorDir, name), join(staging, name));
  const env = {
    ...process.env,
    // Native modules (argon2, kerberos, node-pty, …) build with node-gyp against the local headers.
    // The headers ship with Node itself: <prefix>/include/node beside <prefix>/bin/node.
    npm_config_nodedir: process.env.npm_config_nodedir || dirname(dirname(process.execPath)),
    npm_config_yes: 'true',
    npm_config_unsafe_perm: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const npm = spawnSync('npm', ['ci', '--foreground-scripts', '--loglevel=error'], {
    cwd: staging,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (npm.status !== 0) {
    process.stderr.write(npm.stdout.slice(-20000) + npm.stderr.slice(-20000));
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`npm ci in test/editor failed (exit ${npm.status})`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  renameSync(staging, dir);
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  log(`editor deps: installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return join(dir, 'node_modules');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const modules = ensureEditorDeps({ fresh: process.argv.includes('--fresh') });
  console.log(modules);
}
