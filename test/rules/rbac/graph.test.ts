// The permission graph across files: a workload in one file, its ServiceAccount, bindings and roles
// in others; an aggregated ClusterRole gathered from a third file; editing a binding changes the
// workload's finding; the hover in plain words; the move-off-default suggestion's text; the size
// and speed of the graph on the argo-cd install manifest.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { applyEdits, check, extractText, factsOfResource, Finding, HoverContext, mergeConfig, parseManifest, resourcesOf, SourceRef, WorkspaceModel } from '../../../server/src/engine';
import { rules, workspaceExtractors } from '../../../rules';
import { rbacHover } from '../../../rules/rbac/hover';
import { bindings, roles } from '../../../rules/rbac/facts';
import { dangerousGrants, grantsOf } from '../../../rules/rbac/graph';
import { viewOf, workspaceOf } from '../../helpers/workspace';
import { binding, deployment, docs, entry, role, sa } from './snippets';

const rule = 'rbac-workload-permissions';
const app = deployment('catalog', { namespace: 'shop', account: 'catalog' });
const account = (automount?: boolean) =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: catalog\n  namespace: shop\n${automount === undefined ? '' : `automountServiceAccountToken: ${automount}\n`}`;
const reader = role(entry('""', 'secrets', 'get, list'), 'Role', 'reader', 'shop');
const readerBinding = (subject: string) => binding('RoleBinding', 'reader', sa(subject, 'shop'), { namespace: 'shop', roleKind: 'Role', name: 'catalog-reader' });

function findings(model: WorkspaceModel, file: string, text: string): Finding[] {
  return check(text, { config: mergeConfig(), rules, workspace: viewOf(model, file, text) }).findings.filter((f) => f.category === 'rbac');
}

function hoverText(model: WorkspaceModel, file: string, text: string, on: string): string | undefined {
  const parsed = parseManifest(text);
  const workspace = viewOf(model, file, text);
  const [resource] = resourcesOf(parsed);
  const link = (at: SourceRef) => `${at.file}:${at.line + 1}`;
  const ctx: HoverContext = { file: parsed, resource, workspace, facts: (extractor) => factsOfResource(extractor, resource, file, parsed.lines), link };
  return rbacHover.hover(ctx, text.indexOf(on))?.markdown;
}

describe('the permission graph across files', () => {
  test('a binding in one file, the role in another: the finding names them; editing the binding clears it', () => {
    const model = workspaceOf({ '/ws/sa.yaml': account(), '/ws/role.yaml': reader, '/ws/binding.yaml': readerBinding('catalog') });
    const [finding] = findings(model, '/ws/app.yaml', app).filter((f) => f.ruleId === rule);
    assert.ok(finding, 'a finding');
    assert.equal(app.slice(finding.offset, finding.offset + finding.length), 'catalog');
    assert.match(finding.message, /can read Secrets in namespace shop through RoleBinding "catalog-reader" to Role "reader"/);

    model.set(extractText('/ws/binding.yaml', readerBinding('orders'), model.extractorList));
    assert.deepEqual(
      findings(model, '/ws/app.yaml', app).map((f) => f.ruleId),
      [],
    );
  });

  test('an aggregated ClusterRole gathers a labelled role of a third file', () => {
    const aggregate = `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: catalog\naggregationRule:\n  clusterRoleSelectors:\n    - matchLabels:\n        example.com/aggregate-to-catalog: "true"\n`;
    const part = role(entry('""', 'pods/exec', 'create'), 'ClusterRole', 'exec').replace('  name: exec\n', '  name: exec\n  labels:\n    example.com/aggregate-to-catalog: "true"\n');
    const model = workspaceOf({ '/ws/aggregate.yaml': aggregate, '/ws/binding.yaml': binding('ClusterRoleBinding', 'catalog', sa('catalog', 'shop')) });
    assert.deepEqual(findings(model, '/ws/app.yaml', app), []);
    model.set(extractText('/ws/part.yaml', part, model.extractorList));
    const [finding] = findings(model, '/ws/app.yaml', app);
    assert.match(finding.message, /exec into.*in every namespace through ClusterRoleBinding "b" to ClusterRole "exec"/);
  });

  test('the hover lists the permissions in plain words, with links, and notes automount off', () => {
    const model = workspaceOf({ '/ws/sa.yaml': account(false), '/ws/role.yaml': reader, '/ws/binding.yaml': readerBinding('catalog') });
    const text = hoverText(model, '/ws/app.yaml', app, 'catalog')!;
    assert.match(text, /\*\*Permissions of ServiceAccount `catalog`\*\*/);
    assert.match(text, /can get, list secrets \(core\) in `shop` — \*\*can read Secrets\*\* — RoleBinding `catalog-reader` → Role `reader`, \/ws\/role\.yaml:7/);
    assert.match(text, /ServiceAccount sets `automountServiceAccountToken: false`/);
    const none = hoverText(workspaceOf({}), '/ws/app.yaml', app, 'catalog')!;
    assert.match(none, /No binding of the workspace grants it anything/);
    assert.equal(hoverText(model, '/ws/app.yaml', app, 'image'), undefined);
    // On serviceAccountName too; the pod's own automount setting is the one noted.
    const podOff = deployment('catalog', { namespace: 'shop', account: 'catalog', automount: false });
    const onAccount = hoverText(model, '/ws/app.yaml', podOff, 'catalog\n')!;
    assert.match(onAccount, /The pod sets `automountServiceAccountToken: false`/);
  });

  test('moving off the default account: a ServiceAccount after the workload and serviceAccountName', () => {
    const text = docs(deployment('catalog', { namespace: 'shop' }), reader, readerBinding('default'));
    const finding = check(text, { config: mergeConfig(), rules }).findings.find((f) => f.ruleId === rule)!;
    const fixed = applyEdits(text, finding.suggestions[0].apply(parseManifest(text)));
    assert.equal(
      fixed,
      docs(
        deployment('catalog', { namespace: 'shop', account: 'catalog' })
          .replace('      serviceAccountName: catalog\n', '')
          .replace('          image: x\n', '          image: x\n      serviceAccountName: catalog\n'),
        account(),
        reader,
        readerBinding('default'),
      ),
    );
    assert.equal(check(fixed, { config: mergeConfig(), rules }).findings.filter((f) => f.ruleId === rule).length, 0);
  });
});

const argo = resolve(__dirname, '../../../../shared/reference/corpus/argo-cd__install.yaml');

describe('the graph on the argo-cd install manifest', { skip: existsSync(argo) ? false : `${argo} is not present` }, () => {
  // Its time is the benchmark's (`npm run bench -- --only rbac`): timings do not belong in tests.
  test('small facts; the application controller is found to hold everything through its ClusterRoleBinding', () => {
    const text = readFileSync(argo, 'utf8');
    const model = new WorkspaceModel(workspaceExtractors());
    model.set(extractText('/ws/argo.yaml', text, model.extractorList));
    const view = model.view('/ws/argo.yaml');
    const size = JSON.stringify([...view.facts(roles), ...view.facts(bindings)]).length;
    assert.ok(size < 20_000, `RBAC facts of argo-cd take ${size} characters`);
    const grants = grantsOf(view, { name: 'argocd-application-controller', namespace: null });
    const all = grants.find((g) => g.dangers.includes('all'));
    assert.equal(all?.binding.kind, 'ClusterRoleBinding');
    assert.equal(all?.scope, '*');
    // Redis reads its one Secret by name: a grant, but no dangerous one.
    const redis = grantsOf(view, { name: 'argocd-redis', namespace: null });
    assert.ok(redis.length > 0);
    assert.deepEqual(dangerousGrants(redis), []);
  });
});
