// The workspace folder the editor tests open: a fresh copy of examples/ and of test/e2e/workspace
// (YAML that is not Kubernetes, a Helm template), so that tests may edit and save files freely.
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../install.mjs';

export function makeWorkspace(runDir, name = 'workspace') {
  const dir = join(runDir, name);
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
  cpSync(join(root, 'test/e2e/workspace'), dir, { recursive: true });
  return dir;
}
