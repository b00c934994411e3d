// Values of the Kubernetes CEL libraries (Quantity, IP, CIDR, URL, Semver, Format) as CEL object
// types. @bufbuild/cel dispatches methods and compares with `==` by the type of a value, and only
// protobuf messages carry a type of their own: each value is a message of one string field holding
// its canonical text, so that `==` compares meaning (`quantity('1k') == quantity('1000')`), and the
// parsed value is kept beside it for the methods.

import { create, createFileRegistry, createRegistry } from '@bufbuild/protobuf';
import type { FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { isReflectMessage, reflect } from '@bufbuild/protobuf/reflect';
import type { ReflectMessage } from '@bufbuild/protobuf/reflect';
import { isCelList, isCelMap, isCelUint, objectType } from '@bufbuild/cel';
import type { CelObjectType, CelValue } from '@bufbuild/cel';

/** A CEL object type whose values wrap a parsed `T`. */
export interface OpaqueType<T> {
  readonly type: CelObjectType;
  readonly name: string;
  /** The CEL value of `parsed`, whose canonical text is `canonical`. */
  make(parsed: T, canonical: string): ReflectMessage;
  /** The parsed value of a CEL value of this type, undefined for any other value. */
  read(value: unknown): T | undefined;
}

const stringField = { name: 'value', number: 1, type: 9, label: 1, jsonName: 'value' };

/** Message descriptors of one protobuf package, one per type name. */
function descriptors(pkg: string, names: readonly string[]): FileRegistry {
  const file = create(FileDescriptorProtoSchema, {
    name: `kube-harden/${pkg}.proto`,
    package: pkg,
    syntax: 'proto3',
    messageType: names.map((name) => ({ name, field: [stringField] })),
  });
  return createFileRegistry(file, () => undefined);
}

// The type names are the API server's (`type(ip('1.2.3.4')) == net.IP` there, too).
const net = descriptors('net', ['IP', 'CIDR']);
const kubernetes = descriptors('kubernetes', ['Quantity', 'URL', 'Semver', 'NamedFormat']);
// CEL's own optional type, which @bufbuild/cel lacks, under the name `type()` gives in the API server.
const optional = descriptors('', ['optional_type']);

/** The types for the environment's registry, so that type names resolve (`type(x) == net.IP`). */
export const typeRegistry = createRegistry(net, kubernetes, optional);

/** The type `net.IP`, `kubernetes.Quantity`…: each library declares its own with the value it parses. */
export function opaque<T>(typeName: 'net.IP' | 'net.CIDR' | 'kubernetes.Quantity' | 'kubernetes.URL' | 'kubernetes.Semver' | 'kubernetes.NamedFormat' | 'optional_type'): OpaqueType<T> {
  const desc = typeRegistry.getMessage(typeName)!;
  const parsed = new WeakMap<object, T>();
  return {
    type: objectType(desc),
    name: desc.typeName,
    make(value, canonical) {
      const message = reflect(desc, create(desc, { value: canonical } as never));
      parsed.set(message, value);
      return message;
    },
    read(value) {
      return typeof value === 'object' && value !== null ? parsed.get(value) : undefined;
    },
  };
}

/** The packages of the type names (`net` of `net.IP`), which CEL reads as identifiers. */
export const typeNamespaces: ReadonlySet<string> = new Set(['net', 'kubernetes']);

/** A dotted name that names one of the types (`net.IP`), which CEL reads as a selection of fields. */
export function isTypeName(name: string): boolean {
  return typeRegistry.getMessage(name) !== undefined;
}

/** The canonical text of a value of one of the types (`10.0.0.0/8`), undefined for other values. */
export function opaqueText(value: unknown): string | undefined {
  if (!isReflectMessage(value) || typeRegistry.getMessage(value.desc.typeName) === undefined) return undefined;
  return (value.message as unknown as { value: string }).value;
}

/** CEL equality for the values the lists library compares (`indexOf`), as the evaluator's own `==`. */
export function celEquals(a: CelValue, b: CelValue): boolean {
  if (a === b) return true;
  const x = isCelUint(a) ? a.value : a;
  const y = isCelUint(b) ? b.value : b;
  if ((typeof x === 'bigint' || typeof x === 'number') && (typeof y === 'bigint' || typeof y === 'number')) return x == y;
  if (x instanceof Uint8Array) return y instanceof Uint8Array && x.length === y.length && x.every((v, i) => v === y[i]);
  if (isCelList(x)) return isCelList(y) && x.size === y.size && [...x].every((v, i) => celEquals(v, y.get(i)!));
  if (isCelMap(x)) {
    if (!isCelMap(y) || x.size !== y.size) return false;
    for (const [k, v] of x) {
      const w = y.get(k);
      if (w === undefined || !celEquals(v, w)) return false;
    }
    return true;
  }
  if (isReflectMessage(x) && isReflectMessage(y)) return x.desc.typeName === y.desc.typeName && JSON.stringify(x.message, bigints) === JSON.stringify(y.message, bigints);
  return false;
}

function bigints(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}

/** A value as CEL text (`'a'`, `[1, 2]`), one text per value: the canonical text of an optional. */
export function celDisplay(value: CelValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'number') return `${value}d`;
  if (isCelUint(value)) return `${value.value}u`;
  if (isCelList(value)) return `[${[...value].map(celDisplay).join(', ')}]`;
  if (isCelMap(value)) return `{${[...value].map(([k, v]) => `${celDisplay(k as CelValue)}: ${celDisplay(v)}`).join(', ')}}`;
  const opaque = opaqueText(value);
  if (opaque !== undefined && isReflectMessage(value)) return `${value.desc.typeName}(${JSON.stringify(opaque)})`;
  return JSON.stringify(value, bigints);
}
