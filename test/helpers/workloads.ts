// One pod spec, written once at column 0, wrapped in every kind of workload that holds a pod
// template: the rule tables state a case once and check it for each kind, with the expected
// positions and fix output moved to where the wrapper puts the spec.

import type { ExpectedError, InvalidCase, ValidCase } from './rule-tester';

interface Wrapper {
  /** The lines before the pod spec. */
  head: string;
  /** The column of the pod spec's keys. */
  indent: number;
}

const labels = '{app: web}';

export const workloadWrappers: Readonly<Record<string, Wrapper>> = {
  Pod: { head: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n', indent: 2 },
  PodTemplate: { head: `apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: web\ntemplate:\n  metadata:\n    labels: ${labels}\n  spec:\n`, indent: 4 },
  ReplicationController: {
    head: `apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: web\nspec:\n  selector: ${labels}\n  template:\n    metadata:\n      labels: ${labels}\n    spec:\n`,
    indent: 6,
  },
  ...Object.fromEntries(
    ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].map((kind) => [
      kind,
      {
        head: `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: ${labels}\n  template:\n    metadata:\n      labels: ${labels}\n    spec:\n`,
        indent: 6,
      },
    ]),
  ),
  Job: { head: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n', indent: 6 },
  CronJob: {
    head: "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: web\nspec:\n  schedule: '0 * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n",
    indent: 10,
  },
};

function wrap(kind: string, podSpec: string): string {
  const { head, indent } = workloadWrappers[kind];
  const body = podSpec.replace(/^\n/, '').replace(/^(?=.)/gm, ' '.repeat(indent));
  return `\n${head}${body}`;
}

/** Moves an error stated against the pod spec (line 1 = its first line) to its place in the wrapper. */
function moved(kind: string, e: ExpectedError): ExpectedError {
  const { head, indent } = workloadWrappers[kind];
  const headLines = head.split('\n').length; // the leading blank line, then the head's lines
  return { ...e, line: e.line + headLines, column: e.column + indent, ...(e.endColumn ? { endColumn: e.endColumn + indent } : {}) };
}

/** A pod spec that the rule accepts, in every workload kind. */
export function validInEveryKind(name: string, podSpec: string, rest: Omit<ValidCase, 'code'> = {}): ValidCase[] {
  return Object.keys(workloadWrappers).map((kind) => ({ ...rest, name: `${kind}: ${name}`, code: wrap(kind, podSpec) }));
}

/** A pod spec that the rule flags, in every workload kind; errors are positions within the pod spec. */
export function invalidInEveryKind(name: string, c: Omit<InvalidCase, 'code'> & { podSpec: string }): InvalidCase[] {
  const { podSpec, errors, output, ...rest } = c;
  return Object.keys(workloadWrappers).map((kind) => ({
    ...rest,
    name: `${kind}: ${name}`,
    code: wrap(kind, podSpec),
    errors: errors.map((e) => moved(kind, e)),
    output: output === null ? null : wrap(kind, output),
  }));
}
