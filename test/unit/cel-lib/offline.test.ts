// What cannot be evaluated offline: the live cluster's variables, the functions kube-harden lacks (a
// table of every one, by library), and the compiled expression that reports it instead of guessing.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { implementedFunctions, notImplemented, offlineUsesOf } from '../../../rules/policy/cel-lib';
import { compile } from '../../../rules/policy/cel-eval';

const uses = (text: string) => offlineUsesOf(text).map((u) => `${u.reason} ${u.name} @${u.offset}`);

test('the cluster: authorizer and request.userInfo, once each, however deep the selection', () => {
  assert.deepEqual(uses("authorizer.group('').resource('pods').namespace('default').check('create').allowed()"), ['cluster authorizer @0']);
  assert.deepEqual(uses("authorizer.path('/healthz').check('get').allowed()"), ['cluster authorizer @0']);
  assert.deepEqual(uses("authorizer.serviceAccount('default', 'myserviceaccount').resource('deployments').check('delete').allowed()"), ['cluster authorizer @0']);
  assert.deepEqual(uses("request.userInfo.username == 'admin' || request.userInfo.groups.exists(g, g == 'system:masters')"), ['cluster request.userInfo @16']);
  // request's other fields are the manifest's (an offline CREATE), and a macro's variable is not the request.
  assert.deepEqual(uses("request.operation == 'CREATE' && object.items.all(request, request.userInfo)"), []);
});

test('functions kube-harden lacks, at their names; the implemented ones are not listed', () => {
  assert.deepEqual(uses('base64.decode(object.x).size() > 0 && object.y.reverse() == "a"'), ['unimplemented base64.decode @0', 'unimplemented reverse @47']);
  assert.deepEqual(uses('object.items.slice(0, 1).size() == 1 && math.greatest(1, 2) == 2'), ['unimplemented slice @13', 'unimplemented math.greatest @40']);
  assert.deepEqual(uses("quantity('1').isLessThan(quantity('2')) && ip.isCanonical('::1') && 'a'.find('a') == 'a'"), []);
  assert.deepEqual(uses('object.spec..'), []);
});

test('a compiled expression that needs the cluster answers "cannot be evaluated offline" and never a value', () => {
  const compiled = compile("authorizer.group('').resource('pods').check('create').allowed()", ['object', 'authorizer']);
  assert.ok(compiled.ok);
  assert.deepEqual(
    compiled.offline.map((u) => u.name),
    ['authorizer'],
  );
  assert.deepEqual(compiled.run({ object: null, authorizer: null }), {
    ok: false,
    error: "cannot be evaluated offline: 'authorizer' (the authorizer answers with the cluster’s RBAC for the requesting user)",
  });
  const plain = compile("object.kind == 'Pod'", ['object']);
  assert.ok(plain.ok && plain.offline.length === 0);
});

test('the functions implemented and not (the closing note of issue 18 lists them)', () => {
  const implemented = [
    'add',
    'asApproximateFloat',
    'asInteger',
    'charAt',
    'cidr',
    'compareTo',
    'containsCIDR',
    'containsIP',
    'family',
    'find',
    'findAll',
    'format',
    'indexOf',
    'ip',
    'ip.isCanonical',
    'isCIDR',
    'isGlobalUnicast',
    'isGreaterThan',
    'isIP',
    'isInteger',
    'isLessThan',
    'isLinkLocalMulticast',
    'isLinkLocalUnicast',
    'isLoopback',
    'isQuantity',
    'isSorted',
    'isUnspecified',
    'join',
    'lastIndexOf',
    'lowerAscii',
    'masked',
    'max',
    'min',
    'prefixLength',
    'quantity',
    'replace',
    'sets.contains',
    'sets.equivalent',
    'sets.intersects',
    'sign',
    'split',
    'string',
    'strings.quote',
    'sub',
    'substring',
    'sum',
    'trim',
    'upperAscii',
  ];
  for (const name of implemented) assert.ok(implementedFunctions.includes(name), name);
  const missing: Array<[string, string]> = [
    ['reverse', 'extended strings (cel-go ext)'],
    ['slice', 'lists (cel-go ext)'],
    ['sortBy', 'lists (cel-go ext)'],
    ['lists.range', 'lists (cel-go ext)'],
    ['transformList', 'two-variable comprehensions (cel-go ext)'],
    ['base64.decode', 'base64 (cel-go ext encoders)'],
    ['math.greatest', 'math (cel-go ext)'],
    ['math.bitShiftLeft', 'math (cel-go ext)'],
  ];
  for (const [name, library] of missing) assert.match(notImplemented.get(name) ?? '', new RegExp(`the ${library.replace(/[()]/g, '\\$&')} library`), name);
  for (const name of ['check', 'allowed', 'serviceAccount', 'group', 'resource', 'path']) assert.match(notImplemented.get(name) ?? '', /RBAC/, name);
  for (const name of implementedFunctions) assert.ok(!notImplemented.has(name), name);
});

test('docs/cel.md lists every function of the catalog in the right section', () => {
  const text = readFileSync('docs/cel.md', 'utf8');
  const section = (title: string) => text.slice(text.indexOf(`## ${title}\n`), text.indexOf('\n## ', text.indexOf(`## ${title}\n`) + 1));
  const named = (part: string) => new Set([...part.matchAll(/`([A-Za-z0-9.]+)`/g)].map((m) => m[1]));
  const [implemented, missing] = [named(section('Implemented')), named(section('Not implemented'))];
  for (const name of implementedFunctions) assert.ok(implemented.has(name), `${name} is implemented`);
  for (const name of notImplemented.keys()) assert.ok(missing.has(name) && !implemented.has(name), `${name} is not implemented`);
});
