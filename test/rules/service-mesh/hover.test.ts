// The service-mesh hover on a workload's name: the effective mTLS mode and where it comes from, the
// port exceptions, and the Pod Security note in a namespace labelled for injection.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { factsOfResource, parseManifest, resourcesOf } from '../../../server/src/engine';
import { meshHover } from '../../../rules/service-mesh/hover';
import { viewOf, workspaceOf } from '../../helpers/workspace';
import { deployment, peerAuth } from './fixtures';

function hoverText(files: Record<string, string>, text = deployment()): string | undefined {
  const view = viewOf(workspaceOf(files), '/ws/app.yaml', text);
  const file = parseManifest(text);
  const [resource] = resourcesOf(file);
  const ctx = {
    file,
    resource,
    workspace: view,
    facts: (e: never) => factsOfResource(e, resource, '/ws/app.yaml', file.lines),
    link: (at: { file: string; line: number }) => `${at.file}:${at.line + 1}`,
  };
  return meshHover.hover(ctx as never, text.indexOf('web'))?.markdown;
}

test('no PeerAuthentication and no injection label: no hover', () => {
  assert.equal(hoverText({}), undefined);
});

test('the mode, the policy it comes from, and port exceptions', () => {
  const text = hoverText({
    '/ws/ns.yaml': peerAuth('shop', 'STRICT'),
    '/ws/w.yaml': peerAuth('shop', 'UNSET', '  selector:\n    matchLabels:\n      app: web\n  portLevelMtls:\n    8080:\n      mode: PERMISSIVE\n', 'w'),
  });
  assert.equal(text, '**Istio mTLS: STRICT**\n\nFrom the namespace-level PeerAuthentication `default` — /ws/ns.yaml:4.\n- port 8080: PERMISSIVE');
});

test('the default mode when no policy applies', () => {
  assert.match(hoverText({ '/ws/other.yaml': peerAuth('other', 'STRICT') })!, /^\*\*Istio mTLS: PERMISSIVE\*\*\n\nNo PeerAuthentication applies: Istio’s default\.$/);
});

test('a namespace labelled for injection explains what istio-init needs from Pod Security', () => {
  const text = hoverText({ '/ws/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio-injection: enabled\n' });
  assert.match(text!, /^\*\*Istio sidecar injection\*\*\n\n.*NET_ADMIN.*NET_RAW.*Istio CNI/);
});
