// Command-line parsing with Node's own `util.parseArgs`: turns argv into a command and its options,
// or a usage error with a message that says what was wrong. No I/O happens here.

import { parseArgs } from 'node:util';
import { defaultVersion, PodSecurityLevel, parseMinor } from '../engine';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';

export interface CheckOptions {
  command: 'check';
  paths: string[];
  format: OutputFormat;
  level?: PodSecurityLevel;
  kubernetesVersion?: string;
  fix: boolean;
  config?: string;
  /** `--no-render`: Kustomize overlays are not rendered. */
  noRender: boolean;
  /** `--kustomize-command`: the Kustomize binary to render overlays with. */
  kustomizeCommand?: string;
  /** `--scan-images`: the images are scanned with Trivy or Grype. */
  scanImages: boolean;
  /** `--scan-report`: scanner reports whose findings attach to the images. */
  scanReports: string[];
  /** `--policies`: folders or files of admission policies read into the workspace but not checked. */
  policies: string[];
}

export interface RulesOptions {
  command: 'rules';
  format: 'text' | 'json';
}

export type Invocation = CheckOptions | RulesOptions | { command: 'help'; topic?: 'check' | 'rules' } | { command: 'version' };

/** A mistake on the command line: reported with the usage hint and exit code 2. */
export class UsageError extends Error {}

const formats: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github'];
const levels: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];

export const usage = `Usage: kube-harden <command> [options]

Commands:
  check [paths...]   Check Kubernetes manifests: Pod Security Standards, network policies, secrets.
                     Paths are files, folders (searched for *.yaml and *.yml) or - for stdin;
                     the current directory when none is given.
  rules              List the rules of the catalog.

Options of check:
  --format <text|json|sarif|github>   Output format (default: text); github prints GitHub Actions
                                      workflow annotations (::error file=…,line=…::message), one per finding
  --level <baseline|restricted|privileged>
                                      Pod Security level to enforce (default: restricted)
  --kubernetes-version <1.N|latest>   Kubernetes version to check against (default: ${defaultVersion})
  --fix                               Write the safe fixes to the files, then report what remains
  --config <file>                     Configuration file (default: .kube-harden.yaml in the current directory)
  --kustomize-command <command>       Renders Kustomize overlays: "kubectl kustomize", "kustomize build" or a path
                                      (default: kubectl kustomize, else kustomize build, when on the PATH)
  --no-render                         Check Kustomize overlays' files only, without rendering them
  --scan-images                       Scan every image with Trivy or Grype (whichever is on the PATH) and
                                      report its vulnerabilities; results are cached per image for 12 hours
                                      (imageScan.cacheMinutes) in ~/.cache/kube-harden/scans
  --scan-report <file>                Attach the vulnerabilities of a Trivy JSON, Grype JSON or SARIF report
                                      to the matching images (repeatable); reports among the checked
                                      files count too
  --policies <dir>                    Also read the admission policies (ValidatingAdmissionPolicies, bindings,
                                      their parameters, Kyverno policies) of this folder or file, without
                                      checking it; repeatable

Options:
  -h, --help                          Show this help
  -v, --version                       Show the version

Namespace manifests with pod-security.kubernetes.io/enforce and enforce-version labels in any of
the given files set the level and version for their namespace's resources in every file.

Exit codes: 0 no problems, 1 problems found, 2 usage or I/O error.`;

export function parseCommandLine(argv: readonly string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        level: { type: 'string' },
        'kubernetes-version': { type: 'string' },
        fix: { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        'kustomize-command': { type: 'string' },
        'no-render': { type: 'boolean' },
        'scan-images': { type: 'boolean' },
        'scan-report': { type: 'string', multiple: true },
        policies: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    // parseArgs' messages already name the flag; drop its advice about `--` which rarely helps here.
    throw new UsageError(String((error as Error).message).split('. To specify')[0]);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;

  if (values.version) return { command: 'version' };
  if (values.help || command === 'help') {
    const topic = command === 'help' ? rest[0] : command;
    return { command: 'help', topic: topic === 'check' || topic === 'rules' ? topic : undefined };
  }
  if (command === undefined) throw new UsageError('missing command: use "kube-harden check [paths...]"');

  if (command === 'rules') {
    if (rest.length > 0) throw new UsageError(`"rules" takes no arguments, got "${rest[0]}"`);
    for (const flag of ['level', 'kubernetes-version', 'fix', 'config', 'kustomize-command', 'no-render', 'scan-images', 'scan-report', 'policies'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} is an option of "check", not of "rules"`);
    }
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format of "rules" must be text or json, got "${format}"`);
    return { command: 'rules', format };
  }
  if (command !== 'check') throw new UsageError(`unknown command "${command}": use "check" or "rules"`);

  const format = (values.format ?? 'text') as OutputFormat;
  if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, got "${values.format}"`);
  const level = values.level as PodSecurityLevel | undefined;
  if (level !== undefined && !levels.includes(level)) {
    throw new UsageError(`--level must be one of ${levels.join(', ')}, got "${values.level}"`);
  }
  const kubernetesVersion = values['kubernetes-version'];
  if (kubernetesVersion !== undefined && parseMinor(kubernetesVersion) === undefined) {
    throw new UsageError(`--kubernetes-version must look like 1.29 or latest, got "${kubernetesVersion}"`);
  }
  if (values.config === '') throw new UsageError('--config needs a file name');
  if (values['kustomize-command'] !== undefined && values['kustomize-command'].trim() === '') throw new UsageError('--kustomize-command needs a command');
  if (values['scan-report']?.some((f) => f.trim() === '')) throw new UsageError('--scan-report needs a file name');
  if (values.policies?.some((p) => p.trim() === '')) throw new UsageError('--policies needs a folder or a file');
  return {
    command: 'check',
    paths: rest.length > 0 ? rest : ['.'],
    format,
    level,
    kubernetesVersion,
    fix: values.fix ?? false,
    config: values.config,
    noRender: values['no-render'] ?? false,
    kustomizeCommand: values['kustomize-command'],
    scanImages: values['scan-images'] ?? false,
    scanReports: values['scan-report'] ?? [],
    policies: values.policies ?? [],
  };
}
