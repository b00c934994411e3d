// CRD schemas: the committed Istio bundle is what scripts/gen-istio-schemas.ts derives; a CRD
// compiles into the field tables of the schema walk with the structural-schema extensions; and a
// CRD in one file of the workspace model checks custom resources in another, live: editing the CRD
// changes the custom resource's findings, and a workspace CRD wins over the bundled Istio one.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { istioBundlePath, istioSource, renderIstioBundle } from '../../../scripts/gen-istio-schemas';
import { compileCrd } from '../../../rules/schema/crd-schema';
import { customSchema } from '../../../rules/schema/crd-catalog';
import { crdSchemas, schemasOf } from '../../../rules/schema/crd-facts';
import type { CrdSchemaFact } from '../../../rules/schema/crd-facts';
import { istioSchemaJson } from '../../../rules/schema/istio-schemas';
import { check, extractText, mergeConfig, lint, parseManifest } from '../../../server/src/engine';
import { rules } from '../../../rules';
import { viewOf, workspaceOf } from '../../helpers/workspace';
import { widgetCrd } from './widget-crd';

test('the committed Istio bundle is what the generator derives from the CRDs', { skip: !existsSync(istioSource) && 'no istio__crd-all.gen.yaml' }, () => {
  assert.equal(readFileSync(istioBundlePath, 'utf8'), renderIstioBundle(), 'rules/schema/istio-schemas.ts is stale: run npx tsx scripts/gen-istio-schemas.ts');
  const script = join(__dirname, '../../../scripts/gen-istio-schemas.ts');
  const check = spawnSync(process.execPath, ['--import', 'tsx', script, '--check'], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
  assert.match(check.stdout, /is up to date/);
});

test('the Istio bundle is compact, parses fast and knows every served GVK', () => {
  assert.ok(istioSchemaJson.length < 100_000, `${istioSchemaJson.length} bytes`);
  const start = performance.now();
  JSON.parse(istioSchemaJson);
  assert.ok(performance.now() - start < 20, `parsed in ${(performance.now() - start).toFixed(1)} ms`);
  for (const apiVersion of ['security.istio.io/v1', 'security.istio.io/v1beta1']) assert.ok(customSchema(apiVersion, 'PeerAuthentication', undefined), apiVersion);
  assert.ok(customSchema('networking.istio.io/v1alpha3', 'VirtualService', undefined));
  assert.equal(customSchema('networking.istio.io/v9', 'VirtualService', undefined), undefined);
  assert.equal(customSchema('example.com/v1', 'Widget', undefined), undefined);
});

test('a CRD compiles with the structural-schema extensions', () => {
  const spec = parseManifest(widgetCrd()).documents[0].doc.toJS().spec;
  const widget = compileCrd('apiextensions.k8s.io/v1', spec)!;
  const fields = widget.versions.v1.defs['Widget.spec'];
  assert.equal(widget.group, 'example.com');
  assert.equal(fields.size, '!i');
  assert.equal(fields.port, 'I', 'int-or-string');
  assert.equal(fields.note, '?s', 'nullable');
  assert.equal(fields.mode, 's|sFast|sSlow', 'enum');
  assert.equal(fields.labels, '{s', 'additionalProperties');
  assert.equal(fields.extra, 'o', 'preserve-unknown-fields without properties');
  assert.equal(widget.versions.v1.defs['Widget.spec.known']['*'], 'x', 'preserve-unknown-fields beside properties');
  assert.deepEqual(Object.keys(widget.versions.v1.defs['Widget.spec.template']).sort(), ['apiVersion', 'data', 'kind', 'metadata'], 'embedded resource');
  const beta = compileCrd('apiextensions.k8s.io/v1beta1', spec)!;
  assert.equal(beta.versions.v1.defs['Widget.spec']['*'], 'x', 'v1beta1 keeps unknown fields');
  assert.equal(compileCrd('apiextensions.k8s.io/v1', { group: 'g' }), undefined);
  assert.equal(compileCrd('apiextensions.k8s.io/v1', null), undefined);
});

const config = mergeConfig({ kubernetesVersion: '1.37' }, {});
const schemaFindings = (text: string, view: ReturnType<typeof viewOf>) =>
  lint(parseManifest(text), { config, rules, workspace: view })
    .findings.filter((f) => f.category === 'schema')
    .map((f) => `${f.ruleId}: ${f.message}`);

const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 1\n  colour: red\n';

test('a CRD in another file of the workspace checks the custom resource, and its edits re-check it', () => {
  const model = workspaceOf({ '/ws/crd.yaml': widgetCrd() });
  assert.deepEqual(schemaFindings(widget, viewOf(model, '/ws/widget.yaml', widget)), ['schema-unknown-field: "colour" is not a field of Widget.spec']);
  // The CRD gains the field: the same custom resource is clean.
  const withColour = widgetCrd().replace('                note:', '                colour: {type: string}\n                note:');
  const changes = model.set(extractText('/ws/crd.yaml', withColour, model.extractorList));
  assert.ok(changes?.channels.has('schema.crd'), 'the CRD fact changed');
  assert.deepEqual(schemaFindings(widget, model.view('/ws/widget.yaml')), []);
  // The CRD removed: the kind's schema is unknown, so nothing is reported.
  model.delete('/ws/crd.yaml');
  assert.deepEqual(schemaFindings(widget, model.view('/ws/widget.yaml')), []);
});

test('a workspace CRD takes precedence over the bundled Istio one', () => {
  const pa = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: p\nspec:\n  mtls:\n    mode: SOMETHING_NEW\n';
  assert.equal(schemaFindings(pa, workspaceOf().view('/ws/pa.yaml')).length, 1, 'the bundled enum rejects it');
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: peerauthentications.security.istio.io
spec:
  group: security.istio.io
  names: {kind: PeerAuthentication, plural: peerauthentications}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
`;
  assert.deepEqual(schemaFindings(pa, workspaceOf({ '/ws/crd.yaml': crd }).view('/ws/pa.yaml')), []);
});

test('Istio resources as the Istio docs write them are clean; their usual slips are each reported once', () => {
  const samples = readFileSync(join(__dirname, '../../fixtures/istio/samples.yaml'), 'utf8');
  const schemaOf = (text: string) =>
    check(text, { config, rules })
      .findings.filter((f) => f.category === 'schema')
      .map((f) => `${f.ruleId}: ${f.message}`);
  assert.deepEqual(schemaOf(samples), []);
  const slips = samples
    .replace('REGISTRY_ONLY', 'REGISTRY')
    .replace('perTryTimeout', 'perTryTimout')
    .replace('number: 443', 'number: "443"')
    .replace('simple: RANDOM', 'simple: random')
    .replace('consecutive5xxErrors', 'consecutive5XXErrors');
  assert.deepEqual(schemaOf(slips), [
    'schema-unknown-field: "perTryTimout" is not a field of VirtualService.spec.http.retries, which has "perTryTimeout"',
    'schema-wrong-type: "simple" must be one of "UNSPECIFIED", "LEAST_CONN", "RANDOM", "PASSTHROUGH", "ROUND_ROBIN", "LEAST_REQUEST", not "random"',
    'schema-unknown-field: "consecutive5XXErrors" is not a field of DestinationRule.spec.trafficPolicy.outlierDetection, which has "consecutive5xxErrors"',
    'schema-wrong-type: "number" must be an integer, not a string',
    'schema-wrong-type: "mode" must be one of "REGISTRY_ONLY", "ALLOW_ANY", not "REGISTRY"',
  ]);
});

test('odd CRDs: dotted property names keep their own tables, __proto__ is a field, bad schemas check nothing', () => {
  const spec = {
    group: 'example.com',
    names: { kind: 'X' },
    versions: [
      {
        name: 'v1',
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: JSON.parse(
                  '{"__proto__": {"type": "string"}, "a.b": {"type": "object", "properties": {"c": {"type": "integer"}}}, "a": {"type": "object", "properties": {"b": {"type": "object", "properties": {"d": {"type": "string"}}}}}, "bad": {"type": ["string"]}}',
                ),
              },
            },
          },
        },
      },
      { name: 'v2', schema: { openAPIV3Schema: 7 } },
    ],
  };
  const compiled = compileCrd('apiextensions.k8s.io/v1', spec)!;
  assert.deepEqual(Object.keys(compiled.versions), ['v1']);
  const defs = compiled.versions.v1.defs;
  assert.equal(defs['X.spec']['__proto__'], 's');
  assert.equal(defs['X.spec'].bad, 'x');
  const [dotted, nested] = [defs['X.spec']['a.b'].slice(1), defs[defs['X.spec'].a.slice(1)].b.slice(1)];
  assert.notEqual(dotted, nested);
  assert.deepEqual([Object.keys(defs[dotted]), Object.keys(defs[nested])].sort(), [['c'], ['d']]);
});

test('a CRD fact is small and signs the schema, not the layout; its schemas compile only when a custom resource asks', () => {
  const factOf = (text: string) => extractText('/ws/crd.yaml', text, [crdSchemas]).facts.get('schema.crd')![0] as CrdSchemaFact;
  const fact = factOf(widgetCrd());
  assert.deepEqual([fact.group, fact.kind, fact.versions], ['example.com', 'Widget', ['v1']]);
  assert.ok(JSON.stringify(fact).length < 200, 'no compiled tables in the fact');
  assert.equal(factOf(widgetCrd().replace('  scope: Namespaced', '  # a comment\n  scope:   Namespaced')).digest, fact.digest, 'comments and spacing');
  assert.notEqual(factOf(widgetCrd().replace('size: {type: integer}', 'size: {type: string}')).digest, fact.digest, 'a type');
  assert.notEqual(factOf(widgetCrd().replace('required: [size]', 'required: [port]')).digest, fact.digest, 'a required field');
  assert.notEqual(factOf(widgetCrd('apiextensions.k8s.io/v1beta1')).digest, fact.digest, 'v1beta1 keeps unknown fields');
  // Nesting counts: the same keys under another parent are another schema.
  const flat =
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: a}\nspec: {group: g, names: {kind: K}, versions: [{name: v1, schema: {openAPIV3Schema: {a: {b: 1}, c: 2}}}]}\n';
  assert.notEqual(factOf(flat).digest, factOf(flat.replace('{a: {b: 1}, c: 2}', '{a: {b: 1, c: 2}}')).digest);
  // Prose is not schema; a property named `description` is.
  const described = flat.replace('{a: {b: 1}, c: 2}', '{description: one, properties: {description: {type: string}}}');
  assert.equal(factOf(described).digest, factOf(described.replace('description: one', 'description: two')).digest);
  assert.notEqual(factOf(described).digest, factOf(described.replace('{type: string}', '{type: integer}')).digest);
  assert.equal(schemasOf(fact)!.versions.v1.defs['Widget.spec'].size, '!i');
  assert.equal(schemasOf(fact), schemasOf(fact), 'compiled once');
});
