// `npm run editor`: builds the VSIX, installs it into a local code-server (VS Code 1.100 in the
// browser) bound to 127.0.0.1, opens the examples/ folder and prints the URL. Ctrl+C stops it.
// Options: --port N (default: a free port). State lives in .kube-harden-tmp/editor (gitignored).
import { join } from 'node:path';
import { ensureEditorDeps, root } from '../test/e2e/install.mjs';
import { installVsix, startCodeServer } from '../test/e2e/lib/code-server.mjs';
import { packageVsix } from './package.mjs';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;
const modules = ensureEditorDeps();
const vsix = packageVsix({ quiet: true });
const stateDir = join(root, '.kube-harden-tmp', 'editor');
await installVsix(modules, stateDir, vsix);
const examples = join(root, 'examples');
const { url, proc } = await startCodeServer(modules, stateDir, {
  workspace: examples,
  bindAddr: `127.0.0.1:${port}`,
  settings: { 'workbench.colorTheme': 'Default Dark Modern' },
});
console.log(`kube-harden ${vsix.split('/').pop()} installed in code-server.`);
console.log(`Open ${url}?folder=${encodeURIComponent(examples)}`);
console.log('Press Ctrl+C to stop.');
const code = await proc.exited;
console.error(`code-server exited (${code}); its log: ${join(stateDir, 'code-server.log')}`);
process.exit(code === 0 ? 0 : 1);
