// The Kubernetes list library (isSorted, sum, min, max, indexOf, lastIndexOf) and the sets library
// (sets.contains, sets.equivalent, sets.intersects), as k8s.io/apiserver/pkg/cel/library defines them:
// https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-list-library

import { celMethod, celFunc, CelScalar, listType, isCelUint, celUint } from '@bufbuild/cel';
import type { CelFunc, CelList, CelValue } from '@bufbuild/cel';
import { isReflectMessage } from '@bufbuild/protobuf/reflect';
import { celEquals } from './types';

const { BOOL, INT, DYN } = CelScalar;
const LIST = listType(DYN);

/** The order of two values of one comparable type; an error for values CEL cannot order. */
export function compare(a: CelValue, b: CelValue): number {
  const x = isCelUint(a) ? a.value : a;
  const y = isCelUint(b) ? b.value : b;
  if ((typeof x === 'bigint' || typeof x === 'number') && (typeof y === 'bigint' || typeof y === 'number')) return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  if (x instanceof Uint8Array && y instanceof Uint8Array) return Buffer.compare(x, y);
  if (isReflectMessage(x) && isReflectMessage(y) && x.desc.typeName === y.desc.typeName && /^google\.protobuf\.(Duration|Timestamp)$/.test(x.desc.typeName)) {
    const m = x.message as unknown as { seconds: bigint; nanos: number };
    const n = y.message as unknown as { seconds: bigint; nanos: number };
    return m.seconds !== n.seconds ? (m.seconds < n.seconds ? -1 : 1) : Math.sign(m.nanos - n.nanos);
  }
  throw new Error(`no such overload: values of different or unordered types cannot be compared`);
}

function isSorted(this: CelList): boolean {
  let previous: CelValue | undefined;
  for (const item of this) {
    if (previous !== undefined && compare(previous, item) > 0) return false;
    previous = item;
  }
  return true;
}

function extreme(name: string, sign: number) {
  return function (this: CelList): CelValue {
    let best: CelValue | undefined;
    for (const item of this) if (best === undefined || compare(item, best) * sign > 0) best = item;
    if (best === undefined) throw new Error(`${name} called on empty list`);
    return best;
  };
}

/** Ints, uints and doubles each sum in their own type, as the API server's overloads do. */
function sum(this: CelList): CelValue {
  const items = [...this];
  if (items.length === 0) return 0n;
  if (items.every((i) => typeof i === 'bigint')) return checkedInt(items.reduce((s, i) => s + i, 0n));
  if (items.every((i) => typeof i === 'number')) return items.reduce((s, i) => s + i, 0);
  if (items.every(isCelUint)) return celUint(items.reduce((s, i) => s + i.value, 0n));
  throw new Error('no such overload: sum() takes a list of ints, uints or doubles');
}

function checkedInt(value: bigint): bigint {
  if (value > 2n ** 63n - 1n || value < -(2n ** 63n)) throw new Error('int overflow');
  return value;
}

function indexOf(this: CelList, element: CelValue): bigint {
  let index = 0n;
  for (const item of this) {
    if (celEquals(item, element)) return index;
    index++;
  }
  return -1n;
}

function lastIndexOf(this: CelList, element: CelValue): bigint {
  const items = [...this];
  for (let i = items.length - 1; i >= 0; i--) if (celEquals(items[i], element)) return BigInt(i);
  return -1n;
}

const contains = (list: CelList, element: CelValue) => [...list].some((item) => celEquals(item, element));

export const lists: CelFunc[] = [
  celMethod('isSorted', LIST, [], BOOL, isSorted),
  celMethod('sum', LIST, [], DYN, sum),
  celMethod('min', LIST, [], DYN, extreme('min', -1)),
  celMethod('max', LIST, [], DYN, extreme('max', 1)),
  celMethod('indexOf', LIST, [DYN], INT, indexOf),
  celMethod('lastIndexOf', LIST, [DYN], INT, lastIndexOf),
  celFunc('sets.contains', [LIST, LIST], BOOL, (a, b) => [...b].every((x) => contains(a, x))),
  celFunc('sets.equivalent', [LIST, LIST], BOOL, (a, b) => [...b].every((x) => contains(a, x)) && [...a].every((x) => contains(b, x))),
  celFunc('sets.intersects', [LIST, LIST], BOOL, (a, b) => [...b].some((x) => contains(a, x))),
];
