// Nodes of the yaml package's classes made without their constructors, for the fast YAML reader.
// Each constructor defines its node-type symbol (and a collection its schema) with
// Object.defineProperty, which costs about a microsecond a node, a third of the reader's time. Here
// those properties sit once on a prototype between the node and its class, where `isScalar` and the
// rest of the package find them; `clone()` keeps that prototype.

import { Document, isScalar, Pair, Scalar, Schema, YAMLMap, YAMLSeq } from 'yaml';

interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve: (value: string, onError: (message: string) => void, options: unknown) => unknown;
}

const NODE_TYPE = Symbol.for('yaml.node.type');
const hidden = (value: unknown): PropertyDescriptor => ({ value, configurable: true, enumerable: false, writable: true });
const scalarPrototype = Object.create(Scalar.prototype, { [NODE_TYPE]: { value: Symbol.for('yaml.scalar') } }) as Scalar;
const pairPrototype = Object.create(Pair.prototype, { [NODE_TYPE]: { value: Symbol.for('yaml.pair') } }) as Pair;

function newScalar(value: unknown): Scalar {
  const scalar = Object.create(scalarPrototype) as Scalar;
  scalar.value = value;
  return scalar;
}

/**
 * Pairs and collections are made by `new` on a constructor of their prototype, not Object.create:
 * V8 then gives each only the fields it gets (slack tracking), where Object.create leaves room for
 * four in every object, 16 bytes more for each of 130,000 pairs and maps in argo-cd and a
 * 50,000-line file.
 */
const PairOf = function (this: { key: unknown; value: unknown }, key: unknown, value: unknown) {
  this.key = key;
  this.value = value;
} as unknown as { new (key: unknown, value: unknown): Pair; prototype: object };
PairOf.prototype = pairPrototype;

export function newPair(key: Scalar, value: Scalar | YAMLMap | YAMLSeq): Pair {
  return new PairOf(key, value);
}

/** Empty collections of `prototype`, made by `new` (see PairOf). */
function constructorOf<T extends YAMLMap | YAMLSeq>(prototype: T): () => T {
  const Collection = function (this: { items: unknown[] }) {
    this.items = [];
  } as unknown as { new (): T; prototype: object };
  Collection.prototype = prototype;
  return () => new Collection();
}

/**
 * One string for each key text: the same few hundred keys (`name`, `image`, `type`, …) recur in
 * every document, and each read made a string of its own, 80,000 of them (2 MB) for argo-cd and a
 * 50,000-line file. Keys only, never values, which may be secrets; bounded, for keys made of data.
 */
const keys = new Map<string, string>();
const keyLimit = 20_000;

export function keyText(text: string): string {
  const known = keys.get(text);
  if (known !== undefined) return known;
  if (keys.size >= keyLimit || text.length > 64) return text;
  // A slice of 13 characters or more refers to the whole text it was cut from: kept here, it would keep the file.
  const own = text.length < 13 ? text : (' ' + text).slice(1);
  keys.set(own, own);
  return own;
}

type Collections = { map: () => YAMLMap; seq: () => YAMLSeq };
const collections = new WeakMap<object, Collections>();

/**
 * Makes empty maps and sequences of the documents parsed with `options` (whose schemas are alike:
 * the first one's sits on the prototypes). One prototype for every document, not one each: V8 gives
 * each prototype's objects their own hidden classes, and thousands of documents' took megabytes and
 * made the rules' reads of `items` megamorphic.
 */
export function collectionsOf(schema: Schema, options: object): Collections {
  let made = collections.get(options);
  if (made === undefined) {
    const map = Object.create(YAMLMap.prototype, { [NODE_TYPE]: { value: Symbol.for('yaml.map') }, schema: hidden(schema) }) as YAMLMap;
    const seq = Object.create(YAMLSeq.prototype, { [NODE_TYPE]: { value: Symbol.for('yaml.seq') }, schema: hidden(schema) }) as YAMLSeq;
    made = { map: constructorOf(map), seq: constructorOf(seq) };
    collections.set(options, made);
  }
  return made;
}

/**
 * The first characters of every text that a default tag other than the string's can match (null,
 * booleans, numbers (`e5` too), timestamps, `<<`, in YAML 1.1 and 1.2): most values and keys start otherwise
 * and skip a dozen regular expressions. test/unit/yaml-fast.test.ts pins the tags this was read from.
 */
export const typedStarts = new Set('~NnYyTtOoFfEe-+.0123456789<');

/** Scalars of one document, resolved by its schema's tags as the yaml package resolves them. */
export class Scalars {
  private readonly tags: ScalarTag[];
  private readonly stringTag: ScalarTag;

  /** `invalid` is thrown when a tag rejects its text (the yaml package reports that as an error). */
  constructor(
    private readonly doc: Document.Parsed,
    private readonly invalid: unknown,
  ) {
    this.tags = (doc.schema.tags as unknown as ScalarTag[]).filter((tag) => tag.default && tag.test);
    this.stringTag = (doc.schema as unknown as Record<symbol, ScalarTag>)[Symbol.for('yaml.scalar')];
  }

  /** A plain scalar: the first default tag whose test matches its text, or a string. */
  plain(source: string, range: [number, number, number], atKey: boolean): Scalar {
    const typed = source === '' || typedStarts.has(source[0]);
    const tag = (typed && this.tags.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test!.test(source))) || this.stringTag;
    const scalar = this.make(tag, source, 'PLAIN');
    scalar.range = range;
    return scalar;
  }

  /** A quoted or block scalar, always a string. */
  string(value: string, type: Scalar.Type): Scalar {
    return this.make(this.stringTag, value, type);
  }

  private make(tag: ScalarTag, source: string, type: Scalar.Type): Scalar {
    const resolved = tag.resolve(
      source,
      () => {
        throw this.invalid;
      },
      this.doc.options,
    );
    const scalar = isScalar(resolved) ? resolved : newScalar(resolved);
    scalar.source = source;
    scalar.type = type;
    if (tag.format) scalar.format = tag.format;
    return scalar;
  }
}
