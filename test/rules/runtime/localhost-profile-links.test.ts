// Localhost profiles linked to the profile files of the workspace: the facts (a summary per file),
// matching by path suffix, the hover and go-to-definition on `localhostProfile`, and the scan that
// finds the profile files on disk.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { check, extractText, factsOfResource, HoverContext, mergeConfig, SourceRef } from '../../../server/src/engine';
import { scanFolder } from '../../../server/src/io';
import { definition } from '../../../server/src/lsp/definition';
import { rules, workspaceExtractors } from '../../../rules';
import { localhostProfileDefinition, localhostProfileHover } from '../../../rules/runtime/localhost-profile-links';
import { matchProfile, profileFiles, ProfileFileFact, profilePath, relativePath } from '../../../rules/runtime/profile-files';
import { tempTree } from '../../helpers/temp-tree';
import { viewOf, workspaceOf } from '../../helpers/workspace';
import { allowList, denyList, seed } from './profiles';

const fileFact = (file: string): ProfileFileFact => ({ at: { file, offset: 0, length: 0, line: 0 }, defaultAction: 'SCMP_ACT_ERRNO', allowList: true, allowed: 1, beyondDefault: 0, tooNarrow: true });
const matched = (value: string, manifest: string, files: string[]) => matchProfile(value, manifest, files.map(fileFact))?.at.file;

test('a file is the profile when its path ends with the localhostProfile, segment by segment', () => {
  assert.equal(matched('profiles/audit.json', '/ws/app/pod.yaml', ['/ws/seccomp/profiles/audit.json']), '/ws/seccomp/profiles/audit.json');
  assert.equal(matched('audit.json', '/ws/pod.yaml', ['/ws/my-audit.json']), undefined);
  assert.equal(matched('profiles/audit.json', '/ws/pod.yaml', ['/ws/audit.json']), undefined);
  assert.equal(matched('./profiles//audit.json', '/ws/pod.yaml', ['/ws/profiles/audit.json']), '/ws/profiles/audit.json');
  assert.equal(matched('profiles/audit.json', 'C:\\ws\\pod.yaml', ['C:\\ws\\seccomp\\profiles\\audit.json']), 'C:\\ws\\seccomp\\profiles\\audit.json');
  // The absolute form under the seccomp root names the same file (seccomp-localhost-profile reports the form).
  assert.equal(matched('/var/lib/kubelet/seccomp/profiles/audit.json', '/ws/pod.yaml', ['/ws/profiles/audit.json']), '/ws/profiles/audit.json');
  assert.equal(matched('../audit.json', '/ws/pod.yaml', ['/ws/audit.json']), undefined);
  assert.equal(matched('', '/ws/pod.yaml', ['/ws/audit.json']), undefined);
  assert.deepEqual(profilePath('/path/to/my-profile.json'), ['path', 'to', 'my-profile.json']);
});

test('several matches: the nearest to the manifest, then the shortest path, then the first by name', () => {
  const copies = ['/ws/prod/seccomp/audit.json', '/ws/staging/seccomp/audit.json', '/ws/seccomp/audit.json'];
  assert.equal(matched('audit.json', '/ws/staging/pod.yaml', copies), '/ws/staging/seccomp/audit.json');
  assert.equal(matched('audit.json', '/ws/prod/app/pod.yaml', copies), '/ws/prod/seccomp/audit.json');
  assert.equal(matched('audit.json', '/ws/app/pod.yaml', copies), '/ws/seccomp/audit.json');
  assert.equal(matched('audit.json', '/other/pod.yaml', ['/ws/b/audit.json', '/ws/a/audit.json']), '/ws/a/audit.json');
  assert.equal(relativePath('/ws/app/pod.yaml', '/ws/seccomp/audit.json'), '../seccomp/audit.json');
  assert.equal(relativePath('/ws/pod.yaml', '/ws/seccomp/audit.json'), 'seccomp/audit.json');
});

test('a profile file is one small fact: what it allows against the runtime default', () => {
  const facts = (text: string) => {
    const entry = extractText('/ws/p.json', text, workspaceExtractors());
    return (entry.facts.get(profileFiles.id) ?? []).map((f) => {
      const { at, ...rest } = f as ProfileFileFact;
      return { ...rest, at: text.slice(at.offset, at.offset + at.length) };
    });
  };
  assert.deepEqual(facts(seed), [{ at: '"SCMP_ACT_ERRNO"', defaultAction: 'SCMP_ACT_ERRNO', allowList: true, allowed: 1, beyondDefault: 0, tooNarrow: true }]);
  assert.deepEqual(facts(allowList(['kexec_load', 'unshare'])), [{ at: '"SCMP_ACT_ERRNO"', defaultAction: 'SCMP_ACT_ERRNO', allowList: true, allowed: 7, beyondDefault: 2, tooNarrow: false }]);
  const allowsAll = facts(denyList([]))[0];
  assert.equal(allowsAll.allowList, false);
  assert.equal(allowsAll.beyondDefault > 0 && allowsAll.beyondDefault < allowsAll.allowed, true);
  // The Security Profiles Operator's custom resource is a `SeccompProfile` too, but no file for the kubelet.
  const spo = 'apiVersion: security-profiles-operator.x-k8s.io/v1beta1\nkind: SeccompProfile\nmetadata: {name: audit}\nspec: {defaultAction: SCMP_ACT_ERRNO}\n';
  assert.deepEqual(extractText('/ws/spo.yaml', spo, workspaceExtractors()).facts.get(profileFiles.id), undefined);
});

const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: audit-pod
spec:
  securityContext:
    seccompProfile:
      type: Localhost
      localhostProfile: profiles/audit.json
  containers:
  - name: app
    image: hashicorp/http-echo:1.0
    securityContext:
      seccompProfile: {type: Localhost, localhostProfile: profiles/missing.json}
`;
const profileText = allowList(['kexec_load']);

function contextAt(files: Record<string, string>) {
  const model = workspaceOf(files);
  const workspace = viewOf(model, '/ws/app/pod.yaml', manifest);
  const result = check(manifest, { config: mergeConfig({}, {}), rules, workspace });
  const resource = result.resources[0];
  const link = (at: SourceRef) => `[${at.file}:${at.line + 1}]`;
  const ctx: HoverContext = { file: result.file, resource, workspace, facts: (e) => factsOfResource(e, resource, workspace.file, result.file.lines), link };
  return { ctx, result, workspace };
}

test('the hover on localhostProfile: the file, its path from the manifest, and its summary', () => {
  const { ctx } = contextAt({ '/ws/seccomp/profiles/audit.json': profileText });
  const offset = manifest.indexOf('profiles/audit.json') + 3;
  const hover = localhostProfileHover.hover(ctx, offset);
  assert.equal(
    hover?.markdown,
    "**Seccomp profile `../seccomp/profiles/audit.json`** — [/ws/seccomp/profiles/audit.json:2]\n\nan allow-list: it lets 6 syscall(s) run; the container runtime's default profile lets " +
      hover!.markdown.match(/lets (\d+) run/)![1] +
      ' run. It allows 1 syscall(s) the runtime default refuses: weaker than `RuntimeDefault`.',
  );
  assert.deepEqual(hover!.node.range!.slice(0, 2), [manifest.indexOf('profiles/audit.json'), manifest.indexOf('profiles/audit.json') + 'profiles/audit.json'.length]);
  // Elsewhere, on a profile no file is, and in a workspace without profiles: nothing.
  assert.equal(localhostProfileHover.hover(ctx, manifest.indexOf('audit-pod')), undefined);
  assert.equal(localhostProfileHover.hover(ctx, manifest.indexOf('profiles/missing.json') + 1), undefined);
  assert.equal(localhostProfileHover.hover(contextAt({}).ctx, offset), undefined);
});

test("go-to-definition on localhostProfile: the profile file's defaultAction", () => {
  const files = { '/ws/seccomp/profiles/audit.json': profileText };
  const { ctx, result, workspace } = contextAt(files);
  const offset = manifest.indexOf('profiles/audit.json');
  const found = localhostProfileDefinition.definition(ctx, offset);
  assert.equal(found?.targets.length, 1);
  const [target] = found!.targets;
  assert.equal(target.file, '/ws/seccomp/profiles/audit.json');
  assert.equal(profileText.slice(target.offset, target.offset + target.length), '"SCMP_ACT_ERRNO"');
  assert.equal(localhostProfileDefinition.definition(ctx, manifest.indexOf('profiles/missing.json')), undefined);

  // The server's conversion: a LocationLink from the value to the exact range in the profile file.
  const snapshot = { kubernetes: true, analysis: { file: result.file, resources: result.resources, workspace, findings: [] } } as never;
  const host = { uriOf: (key: string) => `file://${key}`, readText: (uri: string) => (uri === 'file:///ws/seccomp/profiles/audit.json' ? profileText : undefined), linkSupport: true };
  const position = result.file.lines.position(offset);
  const links = definition(snapshot, position, host);
  assert.deepEqual(links, [
    {
      originSelectionRange: { start: { line: 8, character: 24 }, end: { line: 8, character: 43 } },
      targetUri: 'file:///ws/seccomp/profiles/audit.json',
      targetRange: { start: { line: 1, character: 19 }, end: { line: 1, character: 35 } },
      targetSelectionRange: { start: { line: 1, character: 19 }, end: { line: 1, character: 35 } },
    },
  ]);
  // A client without link support gets Locations; a file that cannot be read, its line.
  assert.deepEqual(definition(snapshot, position, { ...host, linkSupport: false, readText: () => undefined }), [
    { uri: 'file:///ws/seccomp/profiles/audit.json', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } } },
  ]);
  assert.equal(definition(snapshot, { line: 3, character: 9 }, host), null);
});

test('the workspace scan finds profile files among the .json files, and only them', async () => {
  const root = tempTree('kh-profiles-', {
    'apps/pod.yaml': manifest,
    'seccomp/profiles/audit.json': profileText,
    'seccomp/seed.json': seed,
    'package.json': '{"name": "x", "kind": "not a resource"}\n',
    'k8s.json': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}\n',
  });
  const { entries } = await scanFolder(root, workspaceExtractors());
  assert.deepEqual([...entries.keys()].map((k) => k.slice(root.length + 1)).sort(), [join('apps', 'pod.yaml'), join('seccomp', 'profiles', 'audit.json'), join('seccomp', 'seed.json')]);
  assert.equal(entries.get(join(root, 'seccomp', 'seed.json'))!.facts.get(profileFiles.id)!.length, 1);
});
