// Finding and validating the configuration file for the CLI: `--config <file>`, else
// `.kube-harden.yaml` / `.kube-harden.yml` in the current directory, or for each checked file the
// nearest one upwards from its folder (as ESLint users expect in monorepos). A bad file is a usage
// error (exit 2) with every problem and its line, never a silent fallback to defaults.

import { promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Config, configFileNames, LineIndex, mergeConfig, PartialConfig } from '../engine';
import { loadConfigFileText } from '../../../rules';
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

  return { config: validated(text, path), path };
}

function validated(text: string, path: string): PartialConfig {
  const { config, problems } = loadConfigFileText(text);
  if (problems.length > 0) {
    const lines = new LineIndex(text);
    const details = problems.map((p) => {
      const at = lines.position(p.offset);
      return `  ${path}:${at.line + 1}:${at.character + 1}: ${p.message}`;
    });
    throw new UsageError(`invalid config file ${path}:\n${details.join('\n')}`);
  }
  return config;
}

/**
 * The configuration of each checked file: the nearest config file upwards from its folder, else the
 * current directory's (or `--config`'s for every file), under the command line's flags. Each folder
 * is looked up once.
 */
export class NearestConfigs {
  private readonly byFolder = new Map<string, Promise<PartialConfig | undefined>>();

  constructor(
    private readonly fallback: PartialConfig,
    private readonly flags: PartialConfig,
    private readonly cwd: string,
    private readonly explicit: boolean,
  ) {}

  async forFile(absolute: string | undefined): Promise<Config> {
    const found = this.explicit || absolute === undefined ? undefined : await this.inFolder(dirname(absolute));
    return mergeConfig(found ?? this.fallback, this.flags);
  }

  private inFolder(folder: string): Promise<PartialConfig | undefined> {
    let pending = this.byFolder.get(folder);
    if (!pending) {
      pending = this.read(folder);
      this.byFolder.set(folder, pending);
    }
    return pending;
  }

  private async read(folder: string): Promise<PartialConfig | undefined> {
    for (const name of configFileNames) {
      const path = join(folder, name);
      let text: string;
      try {
        text = await fs.readFile(path, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') continue;
        throw new UsageError(`config file ${path}: ${describeIoError(error)}`);
      }
      const shown = path.startsWith(this.cwd + '/') ? path.slice(this.cwd.length + 1) : path;
      return validated(text, shown);
    }
    const parent = dirname(folder);
    return parent === folder ? undefined : this.inFolder(parent);
  }
}
