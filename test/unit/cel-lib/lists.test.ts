// The Kubernetes list, sets and regex libraries: the documentation's examples with the results the API
// server gives, and the errors.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { celList, celMap } from '@bufbuild/cel';
import { evaluate, mismatches } from './evaluate';

test('lists: the examples of k8s.io/apiserver/pkg/cel/library/lists.go', () => {
  assert.deepEqual(
    mismatches([
      ['[1, 2, 3].isSorted()', 'true'],
      ['[3, 2, 1].isSorted()', 'false'],
      ["['a', 'b', 'b', 'c'].isSorted()", 'true'],
      ["['c', 'b', 'a'].isSorted()", 'false'],
      ['[].isSorted()', 'true'],
      ['[1, 2, 3].sum()', '6'],
      ['[1.0, 2.0, 3.0].sum()', '6.0'],
      ['[1u, 2u].sum()', '3u'],
      ['[].sum()', '0'],
      ['[9223372036854775807, 1].sum()', 'error: int overflow'],
      ['[1, 2, 3].min()', '1'],
      ["['d', 'a', 'b', 'c'].min()", "'a'"],
      ['[].min()', 'error: min called on empty list'],
      ['[1, 2, 3].max()', '3'],
      ["['d', 'a', 'b', 'c'].max()", "'d'"],
      ['[].max()', 'error: max called on empty list'],
      ["[1, 'a'].min()", 'error: no such overload…'],
      ['[1, 2, 2, 3].indexOf(2)', '1'],
      ["['a', 'b', 'b', 'c'].indexOf('a')", '0'],
      ['[1, 2, 2, 3].indexOf(5)', '-1'],
      ['[1, 2, 2, 3].lastIndexOf(2)', '2'],
      ["['a', 'b', 'b', 'c'].lastIndexOf('b')", '2'],
      ['[[1], [2]].indexOf([2])', '1'],
      ['[1, 2.0, 3u].indexOf(2)', '1'],
    ]),
    [],
  );
});

test('lists: the documentation examples on data', () => {
  const names = celList(['a', 'should-be-first', 'c']);
  assert.equal(evaluate("names.indexOf('should-be-first') == 1", { names }), 'true');
  assert.equal(evaluate('names.isSorted()', { names: celList(['a', 'b']) }), 'true');
  const items = celList([celMap(new Map([['weight', 0.25]])), celMap(new Map([['weight', 0.75]]))]);
  assert.equal(evaluate('items.map(x, x.weight).sum() == 1.0', { items }), 'true');
  const priority = (p: bigint) => celMap(new Map([['priority', p]]));
  const bindings = { lowPriorities: celList([priority(1n), priority(3n)]), highPriorities: celList([priority(5n), priority(4n)]) };
  assert.equal(evaluate('lowPriorities.map(x, x.priority).max() < highPriorities.map(x, x.priority).min()', bindings), 'true');
});

test('sets: contains, equivalent, intersects', () => {
  assert.deepEqual(
    mismatches([
      ['sets.contains([], [])', 'true'],
      ['sets.contains([1, 2, 3, 4], [2, 3])', 'true'],
      ['sets.contains([1, 2, 3], [1, 4])', 'false'],
      ['sets.equivalent([1, 2, 3], [3u, 2.0, 1])', 'true'],
      ['sets.equivalent([1, 2], [2, 2, 2, 1])', 'true'],
      ['sets.equivalent([1, 2], [1, 2, 3])', 'false'],
      ['sets.intersects([1], [1, 2])', 'true'],
      ['sets.intersects([1], [2])', 'false'],
      ['sets.intersects([], [])', 'false'],
    ]),
    [],
  );
});

test('regex: find and findAll, with Go semantics for empty matches', () => {
  assert.deepEqual(
    mismatches([
      ["'abc 123'.find('[0-9]+')", "'123'"],
      ["'abc 123'.find('xyz')", "''"],
      // The documentation's `"abc 123".find('[0-9]*')` "finds the first number", but `*` matches the empty
      // string at 0 first: Go returns '', as here.
      ['"abc 123".find(\'[0-9]*\')', "''"],
      ["'123 abc 456'.findAll('[0-9]+')", "['123', '456']"],
      ["'123 abc 456'.findAll('[0-9]+', 1)", "['123']"],
      ["'123 abc 456'.findAll('xyz')", '[]'],
      ["'123 abc 456'.findAll('[0-9]+', 0)", '[]'],
      ["'123 abc 456'.findAll('[0-9]+', -1)", "['123', '456']"],
      // Go's FindAllString skips an empty match right after a match: not JavaScript's behaviour.
      ['"1, 2, 3, 4".findAll(\'[0-9]*\')', "['1', '', '2', '', '3', '', '4']"],
      ['"1, 2, 3, 4".findAll(\'[0-9]+\').map(x, int(x)).sum() < 100', 'true'],
      ["'ABC'.find('(?i)b')", "'B'"],
      ["'k=v'.find('(?P<key>[a-z]+)=')", "'k='"],
      ["'abc'.find('[')", 'invalid: invalid regex…'],
    ]),
    [],
  );
  assert.match(evaluate("s.find('[')", { s: 'abc' }), /^error: invalid regex '\['/);
});
