// Finding and validating the configuration file for the CLI: `--config <file>`, else
// `.kube-harden.yaml` / `.kube-harden.yml` in the current directory. A bad file is a usage error
// (exit 2) with every problem and its line, never a silent fallback to defaults.

import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { configFileNames, LineIndex, loadConfigText, PartialConfig } from '../engine';
import { UsageError } from './args';
import { describeIoError } from './files';

export async function loadConfigFile(explicit: string | undefined, cwd: string): Promise<{ config: PartialConfig; path?: string }> {
  let path = explicit;
  let text: string | undefined;
  if (path !== undefined) {
    try {
      text = await fs.readFile(resolve(cwd, path), 'utf8');
    } catch (error) {
      throw new UsageError(`config file ${path}: ${describeIoError(error)}`);
    }
  } else {
    for (const name of configFileNames) {
      try {
        text = await fs.readFile(resolve(cwd, name), 'utf8');
        path = name;
        break;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') continue;
        throw new UsageError(`config file ${name}: ${describeIoError(error)}`);
      }
    }
  }
  if (text === undefined || path === undefined) return { config: {} };

  const { config, problems } = loadConfigText(text);
  if (problems.length > 0) {
    const lines = new LineIndex(text);
    const details = problems.map((p) => {
      const at = lines.position(p.offset);
      return `  ${path}:${at.line + 1}:${at.character + 1}: ${p.message}`;
    });
    throw new UsageError(`invalid config file ${path}:\n${details.join('\n')}`);
  }
  return { config, path };
}
