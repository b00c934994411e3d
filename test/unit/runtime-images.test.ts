// The pure helpers of the runtime and images families: image references, registry allow-lists,
// legacy annotation values, LimitRange defaults, node-owning host paths.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseManifest, resourcesOf } from '../../server/src/engine';
import { allows } from '../../rules/images/image-registry';
import { parseImage } from '../../rules/images/reference';
import { dangerOf } from '../../rules/runtime/dangerous-host-path';
import { suppliedDefaults } from '../../rules/runtime/facts';
import { profileOf } from '../../rules/runtime/legacy-profile-annotations';

test('image references: registry, path, tag and digest', () => {
  assert.deepEqual(parseImage('nginx'), { registry: 'docker.io', path: 'library/nginx', tag: undefined, digest: undefined });
  assert.deepEqual(parseImage('bitnami/redis:7.2'), { registry: 'docker.io', path: 'bitnami/redis', tag: '7.2', digest: undefined });
  assert.deepEqual(parseImage('registry.local:5000/team/app'), { registry: 'registry.local:5000', path: 'team/app', tag: undefined, digest: undefined });
  assert.deepEqual(parseImage('localhost/app:1@sha256:ab'), { registry: 'localhost', path: 'app', tag: '1', digest: 'sha256:ab' });
  assert.equal(parseImage('index.docker.io/library/nginx:1').registry, 'docker.io');
});

test('allow-list entries: hosts and host path prefixes, never a longer host', () => {
  assert.ok(allows('ghcr.io/acme', 'ghcr.io', 'acme/app'));
  assert.ok(!allows('ghcr.io/acme', 'ghcr.io', 'acmeevil/app'));
  assert.ok(allows('registry.example.com/', 'registry.example.com', 'x'));
  assert.ok(!allows('registry.example.com', 'registry.example.com.evil.net', 'x'));
  assert.ok(allows('index.docker.io', 'docker.io', 'library/nginx'));
});

test('legacy annotation values and their field', () => {
  assert.deepEqual(profileOf('runtime/default'), { type: 'RuntimeDefault' });
  assert.deepEqual(profileOf('docker/default'), { type: 'RuntimeDefault' });
  assert.deepEqual(profileOf('unconfined'), { type: 'Unconfined' });
  assert.deepEqual(profileOf('localhost/profiles/a.json'), { type: 'Localhost', localhostProfile: 'profiles/a.json' });
  assert.equal(profileOf('localhost/'), undefined);
  assert.equal(profileOf(''), undefined);
});

test('LimitRange defaults: a default limit also supplies the request', () => {
  const text =
    'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: d\nspec:\n  limits:\n  - type: Container\n    default: {memory: 1Gi}\n    defaultRequest: {cpu: 100m}\n  - type: Pod\n    max: {cpu: 2}\n';
  assert.deepEqual(suppliedDefaults(resourcesOf(parseManifest(text))[0]), ['cpu.request', 'memory.limit', 'memory.request']);
});

test('node-owning host paths', () => {
  for (const path of ['/', '/etc', '/etc/', '/proc', '/var/lib/kubelet', '/var/lib/kubelet/pods', '/var/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/crio/crio.sock', '//'])
    assert.ok(dangerOf(path), path);
  for (const path of ['/var/log', '/var/lib/kubelet/plugins/x', '/etc-data', '/opt/docker.socket', '/data']) assert.equal(dangerOf(path), undefined, path);
});
