// The CLI checks custom resources against the CustomResourceDefinitions among its input files, as
// it does with the bundled Istio CRDs; a custom resource whose CRD is not given is not checked.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { widgetCrd } from '../rules/schema/widget-crd';
import { buildOnce, cleanTemps, runJson, tempWorkspace, yaml } from './helpers';

before(buildOnce);
after(cleanTemps);

const widget = yaml('apiVersion: example.com/v1', 'kind: Widget', 'metadata:', '  name: w', 'spec:', '  size: "3"', '  mode: Fast', '  colour: red');
const peer = yaml('apiVersion: security.istio.io/v1beta1', 'kind: PeerAuthentication', 'metadata:', '  name: p', 'spec:', '  mtls:', '    mode: STRCT');

const schema = (json: { findings: Array<{ category: string; file: string; line: number; ruleId: string }> }) =>
  json.findings.filter((f) => f.category === 'schema').map((f) => `${f.file}:${f.line} ${f.ruleId}`);

test('a CRD in one file checks the custom resources of another; Istio resources need none', () => {
  const cwd = tempWorkspace({ 'crds/widget.yaml': widgetCrd(), 'apps/widget.yaml': widget, 'mesh/peer.yaml': peer });
  assert.deepEqual(schema(runJson(['.'], { cwd }).json), ['apps/widget.yaml:6 schema-wrong-type', 'apps/widget.yaml:8 schema-unknown-field', 'mesh/peer.yaml:7 schema-wrong-type']);
});

test('without its CRD a custom resource gets no schema finding', () => {
  const cwd = tempWorkspace({ 'crds/widget.yaml': widgetCrd(), 'apps/widget.yaml': widget });
  assert.deepEqual(schema(runJson(['apps'], { cwd }).json), []);
});
