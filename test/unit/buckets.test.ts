// The model's index: a key's items from one file, from several (in file order whatever the order of
// updates), and back to one or none as files change or go.

import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { Buckets } from '../../server/src/engine/workspace/buckets';

const groups = (entries: Record<string, string[]>) => new Map(Object.entries(entries));
const none = new Map<string, string[]>();

describe('Buckets', () => {
  test('one file, then a second with the same key, in file order either way', () => {
    const b = new Buckets<string>();
    b.replace('b.yaml', none, groups({ web: ['b1'] }));
    assert.deepEqual(b.get('web'), ['b1']);
    b.replace('a.yaml', none, groups({ web: ['a1', 'a2'] }));
    assert.deepEqual(b.get('web'), ['a1', 'a2', 'b1']);
  });

  test('a file replaced in place, then removed: the other file remains, then nothing', () => {
    const b = new Buckets<string>();
    b.replace('a.yaml', none, groups({ web: ['a1'] }));
    b.replace('b.yaml', none, groups({ web: ['b1'] }));
    b.replace('a.yaml', groups({ web: ['a1'] }), groups({ web: ['a9'] }));
    assert.deepEqual(b.get('web'), ['a9', 'b1']);
    b.replace('a.yaml', groups({ web: ['a9'] }), none);
    assert.deepEqual(b.get('web'), ['b1']);
    b.replace('b.yaml', groups({ web: ['b1'] }), groups({ web: ['b2'] }));
    assert.deepEqual(b.get('web'), ['b2']);
    b.replace('b.yaml', groups({ web: ['b2'] }), none);
    assert.deepEqual(b.get('web'), []);
    assert.deepEqual([...b.keys()], []);
  });

  test('removing a file that never had the key leaves the key alone', () => {
    const b = new Buckets<string>();
    b.replace('a.yaml', none, groups({ web: ['a1'] }));
    b.replace('c.yaml', groups({ web: [] }), none);
    assert.deepEqual(b.get('web'), ['a1']);
  });

  test('a file moving its items to another key', () => {
    const b = new Buckets<string>();
    b.replace('a.yaml', none, groups({ web: ['a1'] }));
    b.replace('a.yaml', groups({ web: ['a1'] }), groups({ api: ['a1'] }));
    assert.deepEqual([b.get('web'), b.get('api')], [[], ['a1']]);
    assert.deepEqual(b.all(), ['a1']);
  });

  test('every item is the same array until a change, so that an index kept per array stays right', () => {
    const b = new Buckets<string>();
    b.replace('a.yaml', none, groups({ web: ['a1'] }));
    const first = b.all();
    assert.equal(b.all(), first);
    b.replace('b.yaml', none, groups({ api: ['b1'] }));
    const second = b.all();
    assert.notEqual(second, first);
    assert.deepEqual([first, second], [['a1'], ['b1', 'a1']]);
    b.replace('b.yaml', groups({ api: ['b1'] }), none);
    assert.deepEqual(b.all(), ['a1']);
  });
});
