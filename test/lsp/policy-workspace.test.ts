// Protocol test for the workspace's admission policies: a Deployment open in one document, a
// ValidatingAdmissionPolicy and its binding in another; the refusal appears on the value, at the
// binding's severity, its hover names the policy and the binding with links, go to definition jumps
// to both; loosening the policy clears the finding.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic, DiagnosticSeverity, Location, LocationLink } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, positionOf, TestClient } from './client';

const rule = 'admission-policy-violation';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 7
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.0
`;

const policies = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: max-replicas
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: [apps]
        apiVersions: [v1]
        operations: [CREATE, UPDATE]
        resources: [deployments]
  validations:
    - expression: object.spec.replicas <= 5
      message: at most 5 replicas
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: max-replicas-warn
spec:
  policyName: max-replicas
  validationActions: [Warn]
`;

const own = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === rule);

describe('the workspace’s admission policies across open documents', () => {
  let client: TestClient;
  let folder: string;
  before(async () => {
    ensureBuilt();
    folder = mkdtempSync(join(tmpdir(), 'kube-harden-policy-'));
    client = await TestClient.start({ pull: false, workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('a refusal on the value, its hover and go to definition; loosening the policy clears it', async () => {
    const app = pathToFileURL(join(folder, 'web.yaml')).href;
    const policy = pathToFileURL(join(folder, 'policy.yaml')).href;
    await client.open(policy, policies);
    await client.diagnostics(policy);
    await client.open(app, deployment);
    let found: Diagnostic[] = [];
    await client.waitFor(() => (found = own(client.published.get(app)?.at(-1)?.diagnostics ?? [])).length === 1, 'the refusal');
    const at = positionOf(client.text(app), '7\n');
    assert.deepEqual(found[0].range, { start: at, end: { line: at.line, character: at.character + 1 } });
    assert.equal(found[0].severity, DiagnosticSeverity.Warning);
    assert.equal(found[0].message, "Validation failed for ValidatingAdmissionPolicy 'max-replicas' with binding 'max-replicas-warn': at most 5 replicas");

    const hover = JSON.stringify((await client.hover(app, at))?.contents);
    assert.match(hover, /ValidatingAdmissionPolicy 'max-replicas' with binding 'max-replicas-warn' \(Warn\) warns about it: at most 5 replicas/);
    assert.match(hover, /\[policy\.yaml:4\]\(file:\/\/.*\/policy\.yaml#L4\)/);
    const locations = await client.request<Array<Location | LocationLink>>('textDocument/definition', { textDocument: { uri: app }, position: positionOf(client.text(app), 'web\nspec') });
    assert.deepEqual(
      locations.map((l) => ('targetUri' in l ? [l.targetUri, l.targetRange.start.line] : [l.uri, l.range.start.line])),
      [
        [policy, 3],
        [policy, 18],
      ],
    );

    const seen = client.published.get(app)!.length;
    await client.replace(policy, '<= 5', '<= 10');
    await client.waitFor(() => (client.published.get(app) ?? []).slice(seen).some((p) => own(p.diagnostics).length === 0), 'the refusal to clear');
    await client.close(policy);
    await client.close(app);
  });
});

describe('kubeHarden.policies.folder: policies kept outside the workspace', () => {
  let client: TestClient;
  let root: string;
  before(async () => {
    ensureBuilt();
    root = mkdtempSync(join(tmpdir(), 'kube-harden-policy-folder-'));
    mkdirSync(join(root, 'app'));
    mkdirSync(join(root, 'platform'));
    writeFileSync(join(root, 'platform', 'policies.yaml'), policies.replace('[Warn]', '[Deny]'));
    client = await TestClient.start({ pull: false, workspaceFolders: [join(root, 'app')], settings: { policies: { folder: '../platform' } } });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('the folder is indexed: its policy refuses the open Deployment; its own file is not checked', async () => {
    const app = pathToFileURL(join(root, 'app', 'web.yaml')).href;
    await client.open(app, deployment);
    let found: Diagnostic[] = [];
    await client.waitFor(() => (found = own(client.published.get(app)?.at(-1)?.diagnostics ?? [])).length === 1, 'the refusal');
    assert.equal(found[0].severity, DiagnosticSeverity.Error);
    assert.equal(client.published.get(pathToFileURL(join(root, 'platform', 'policies.yaml')).href), undefined);
    await client.close(app);
  });
});
