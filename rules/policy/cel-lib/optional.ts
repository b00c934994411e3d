// CEL's optional values, as far as the Kubernetes format library needs them and policies use them with
// it: optional.of, optional.ofNonZeroValue, optional.none, hasValue, value, orValue, or. The `.?field`
// and `[?index]` syntax is the parser's, which @bufbuild/cel 0.6.1 does not read.

import { celFunc, celMethod, CelScalar, isCelList, isCelMap, isCelUint } from '@bufbuild/cel';
import type { CelFunc, CelValue } from '@bufbuild/cel';
import { celDisplay, opaque } from './types';

const { BOOL, DYN } = CelScalar;

/** `{ value }` when present, `{}` for none. */
export const optionalType = opaque<{ value?: CelValue }>('optional_type');
const O = optionalType.type;
const read = (value: unknown) => optionalType.read(value)!;

export const none = () => optionalType.make({}, 'optional.none()') as never;
export const some = (value: CelValue) => optionalType.make({ value }, `optional.of(${celDisplay(value)})`) as never;

function isZero(value: CelValue): boolean {
  if (value === null || value === false || value === '' || value === 0n || value === 0) return true;
  if (isCelUint(value)) return value.value === 0n;
  if (value instanceof Uint8Array || isCelList(value) || isCelMap(value)) return (value instanceof Uint8Array ? value.length : value.size) === 0;
  return false;
}

export const optionals: CelFunc[] = [
  celFunc('optional.of', [DYN], O, (value) => some(value)),
  celFunc('optional.ofNonZeroValue', [DYN], O, (value) => (isZero(value) ? none() : some(value))),
  celFunc('optional.none', [], O, none),
  celMethod('hasValue', O, [], BOOL, function () {
    return 'value' in read(this);
  }),
  celMethod('value', O, [], DYN, function () {
    const { value } = read(this);
    if (value === undefined) throw new Error('optional.none() dereference');
    return value as never;
  }),
  celMethod('orValue', O, [DYN], DYN, function (other) {
    return (read(this).value ?? other) as never;
  }),
  celMethod('or', O, [O], O, function (other) {
    return ('value' in read(this) ? this : other) as never;
  }),
];
