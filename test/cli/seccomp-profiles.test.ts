// A folder search finds seccomp profiles among JSON files and checks them; every other JSON file
// (a tsconfig with comments, a package.json) is left alone, and a Kustomization without extension
// still counts; a localhostProfile is missing when no profile file of the checked paths ends with it.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildOnce, cleanTemps, runJson, tempWorkspace } from './helpers';

before(buildOnce);
after(cleanTemps);

const seedProfile = '{\n   "defaultAction": "SCMP_ACT_ERRNO",\n   "syscalls": [\n       {"names": ["open"], "action": "SCMP_ACT_ALLOW"},\n       // Add more syscall rules here\n   ]\n}\n';

test('a folder search checks the seccomp profiles among its JSON files, and only them', () => {
  const dir = tempWorkspace({
    'profiles/my-profile.json': seedProfile,
    'tsconfig.json': '{\n  // a comment\n  "compilerOptions": {"strict": true,},\n}\n',
    'package.json': '{"name": "x", "defaultAction": 3}\n',
  });
  const { json, code } = runJson(['.'], { cwd: dir });
  assert.equal(code, 1);
  assert.deepEqual(json.findings.map((f) => `${f.file} ${f.ruleId} ${f.line}:${f.column}`).sort(), [
    'profiles/my-profile.json seccomp-profile-json 5:8',
    'profiles/my-profile.json seccomp-profile-json 6:4',
    'profiles/my-profile.json seccomp-profile-too-narrow 2:21',
  ]);
});

test('a localhostProfile no profile file of the checked paths is: reported from a folder, not for a manifest checked alone', () => {
  const pod = (profile: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: audit-pod\nspec:\n  securityContext:\n    seccompProfile:\n      type: Localhost\n      localhostProfile: ${profile}\n  containers:\n  - name: app\n    image: hashicorp/http-echo:1.0\n`;
  const dir = tempWorkspace({ 'seccomp/profiles/my-profile.json': seedProfile, 'apps/linked.yaml': pod('profiles/my-profile.json'), 'apps/missing.yaml': pod('profiles/audit.json') });
  const missing = (paths: string[]) =>
    runJson(paths, { cwd: dir })
      .json.findings.filter((f) => f.ruleId === 'seccomp-localhost-profile-missing')
      .map((f) => `${f.file} ${f.line}:${f.column}`);
  assert.deepEqual(missing(['.']), ['apps/missing.yaml 9:25']);
  // The workspace is the paths given: a manifest alone holds no profile, so none is missing from it.
  assert.deepEqual(missing(['apps/missing.yaml']), []);
  assert.deepEqual(missing(['apps/missing.yaml', 'seccomp']), ['apps/missing.yaml 9:25']);
});
