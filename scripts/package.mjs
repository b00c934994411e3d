// `npm run package`: a production build and `kube-harden-<version>.vsix` made offline with vsce.
// Also exports `vsixEntries` (the file list of a VSIX, read from its zip central directory) and the
// allowlist the packaging test checks it against.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const maxVsixBytes = 2 * 1024 * 1024;

/** What may ship in the VSIX: vsce's two metadata files, the bundles, grammar, manifest, docs and icon. */
export const allowedVsixEntries = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/LICENSE(\.txt|\.md)?$/i,
  /^extension\/icon\.png$/,
  /^extension\/dist\/(client|server)\.js$/,
  /^extension\/syntaxes\/[\w.-]+\.tmLanguage\.json$/,
  /^extension\/rules\/[a-z0-9-]+\/[a-z0-9-]+\.md$/,
  /^extension\/docs\/([a-z0-9-]+\/)?[a-z0-9-]+\.md$/,
];

/** The documentation pages that must ship for offline reading: every rule page and walkthrough step. */
export function docFiles() {
  const mdIn = (dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `extension/${dir}/${f}`);
  const families = readdirSync(join(root, 'rules'), { withFileTypes: true }).filter((d) => d.isDirectory());
  return [...families.flatMap((d) => mdIn(`rules/${d.name}`)), ...mdIn('docs/walkthrough')];
}

/**
 * The README of the Marketplace page: the repository's README without its developer-only blocks
 * (between `<!-- vsix:skip -->` and `<!-- /vsix:skip -->`), which a user installing the extension does not need.
 */
export function marketplaceReadme(text) {
  return text.replace(/<!-- vsix:skip -->[\s\S]*?<!-- \/vsix:skip -->\n?/g, '');
}

/** Writes the Marketplace README under dist/ (not committed); returns its path relative to the root. */
function writeMarketplaceReadme() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', 'README.md'), marketplaceReadme(readFileSync(join(root, 'README.md'), 'utf8')));
  return 'dist/README.md';
}

export function vsixPath() {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return join(root, `${name}-${version}.vsix`);
}

/** The names of the files in a zip archive, from its central directory (no unzip needed). */
export function vsixEntries(path) {
  const zip = readFileSync(path);
  // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${path} is not a zip archive`);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${path}: bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Problems with a built VSIX: files outside the allowlist, missing bundles, too big. Empty when fine. */
export function checkVsix(path) {
  const problems = [];
  const entries = vsixEntries(path);
  for (const entry of entries) if (!allowedVsixEntries.some((re) => re.test(entry))) problems.push(`unexpected file in the VSIX: ${entry}`);
  for (const needed of ['extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js', 'extension/readme.md', 'extension/icon.png', 'extension/docs/rules.md', ...docFiles()]) {
    if (!entries.includes(needed)) problems.push(`missing from the VSIX: ${needed}`);
  }
  if (!entries.some((e) => e.startsWith('extension/syntaxes/'))) problems.push('missing from the VSIX: the grammar');
  const size = statSync(path).size;
  if (size > maxVsixBytes) problems.push(`the VSIX is ${size} bytes, over the ${maxVsixBytes}-byte limit`);
  return problems;
}

/** Builds the production bundles and the VSIX; returns its path. */
export function packageVsix({ quiet = false } = {}) {
  const stdio = quiet ? 'pipe' : 'inherit';
  const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs'), '--production'], { cwd: root, stdio, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the production build failed:\n${build.stdout ?? ''}${build.stderr ?? ''}`);
  const out = vsixPath();
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // --no-dependencies: the bundles carry everything; nothing from node_modules ships or is looked up.
  const readme = writeMarketplaceReadme();
  const args = [vsce, 'package', '--no-dependencies', '--readme-path', readme, '--out', out];
  const result = spawnSync(process.execPath, args, { cwd: root, stdio, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vsce package failed:\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = packageVsix();
  const problems = checkVsix(out);
  console.log(`${out}: ${(statSync(out).size / 1024).toFixed(1)} KiB, ${vsixEntries(out).length} files`);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
}
