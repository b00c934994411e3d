// Seccomp profile files: the seed article's profile (a `//` comment, a trailing comma, an allow-list
// of `open` alone), the container runtime's default profile (clean), and generated profiles for each
// rule. Profiles are JSON; the rule tester parses them as the engine does any file.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { check, mergeConfig } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { seccompHover } from '../../../rules/runtime/seccomp-hover';
import { runtimeDefaultPath, renderSeccompData, seccompDataPath, sourcesPresent } from '../../../scripts/gen-seccomp-data';

import { allowList, denyList, seed } from './profiles';

const config = mergeConfig({}, {});
const messages = (text: string) => check(text, { config, rules }).findings.map((f) => `${f.ruleId}: ${f.message}`);

test("the seed's profile: its comment, its trailing comma and its narrowness; nothing else", () => {
  assert.deepEqual(messages(seed).sort(), [
    'seccomp-profile-json: the container runtime cannot read this profile: a comma before a closing bracket, or a missing value (JSON)',
    'seccomp-profile-json: the container runtime cannot read this profile: a comment, which JSON does not allow (JSON)',
    'seccomp-profile-too-narrow: no process can start under this profile: it allows none of execve/execveat (the runtime executes the container process under the profile); mmap/mmap2/brk (every process maps memory); exit_group/exit (every process exits)',
  ]);
});

test('the messages name what the default refuses and how', () => {
  assert.deepEqual(messages(allowList(['kexec_load', 'unshare'])), [
    'seccomp-profile-weaker-than-default: "kexec_load" is allowed here; the runtime default allows it to no container',
    'seccomp-profile-weaker-than-default: "unshare" is allowed here; the runtime default allows it only with CAP_SYS_ADMIN',
  ]);
  assert.match(messages(denyList(['mount']))[0], /^seccomp-profile-weaker-than-default: this profile allows \d+ syscall\(s\) the runtime default refuses: .* and \d+ more$/);
});

test("the container runtime's default profile is clean, and the hover counts what it allows", { skip: !existsSync(runtimeDefaultPath) && 'no reference profile' }, () => {
  const text = readFileSync(runtimeDefaultPath, 'utf8');
  const result = check(text, { config, rules });
  assert.deepEqual(result.findings, []);
  const resource = result.resources[0];
  assert.equal(resource.kind, 'SeccompProfile');
  const offset = text.indexOf('SCMP_ACT_ERRNO');
  const hover = seccompHover.hover({ file: result.file, resource } as never, offset);
  assert.match(hover!.markdown, /an allow-list: it lets \d+ syscall\(s\) run; the container runtime's default profile lets \d+ run/);
});

test('Kubernetes rules do not read a profile, and a profile is no resource of a manifest', () => {
  const result = check(denyList(['mount']), { config, rules });
  assert.deepEqual(
    result.findings.map((f) => f.category),
    ['runtime'],
  );
  assert.equal(check('defaultAction: SCMP_ACT_ALLOW\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n', { config, rules }).resources[0].kind, 'ConfigMap');
});

test('the committed syscall tables are what the generator derives', { skip: !sourcesPresent() && 'no kernel headers or reference profile' }, () => {
  const script = join(__dirname, '../../../scripts/gen-seccomp-data.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, '--check'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.ok(renderSeccompData().length > 0 && existsSync(seccompDataPath));
});

test("the Security Profiles Operator's SeccompProfile resource is a Kubernetes resource, not a profile file", () => {
  const spo = `apiVersion: security-profiles-operator.x-k8s.io/v1beta1
kind: SeccompProfile
metadata:
  name: audit
  namespace: default
spec:
  defaultAction: SCMP_ACT_ERRNO
  syscalls:
  - action: SCMP_ACT_ALLOW
    names: [open]
`;
  const result = check(spo, { config, rules });
  assert.equal(result.resources[0].apiVersion, 'security-profiles-operator.x-k8s.io/v1beta1');
  assert.deepEqual(
    result.findings.filter((f) => f.ruleId.startsWith('seccomp-profile')).map((f) => f.ruleId),
    [],
  );
});
