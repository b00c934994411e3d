// The Kubernetes quantity library: quantity(), isQuantity() and the methods of a Quantity, on exact
// decimals. https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-quantity-library

import { celFunc, celMethod, CelScalar } from '@bufbuild/cel';
import type { CelFunc, CelValue } from '@bufbuild/cel';
import { opaque } from './types';
import { addDecimal, asInt64, compareDecimal, decimalText, normalise, parseQuantity } from './quantity-parse';
import type { Decimal } from './quantity-parse';

const { BOOL, INT, DOUBLE, STRING } = CelScalar;

export const quantityType = opaque<Decimal>('kubernetes.Quantity');
const Q = quantityType.type;

export function makeQuantity(value: Decimal): CelValue {
  return quantityType.make(value, decimalText(value)) as unknown as CelValue;
}

function quantity(text: string): CelValue {
  const parsed = parseQuantity(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return makeQuantity(parsed);
}

const read = (value: unknown): Decimal => quantityType.read(value)!;
const fromInt = (value: bigint): Decimal => normalise(value, 0);
const negate = (d: Decimal): Decimal => ({ unscaled: -d.unscaled, scale: d.scale });

export const quantities: CelFunc[] = [
  celFunc('quantity', [STRING], Q, quantity as never),
  celFunc('isQuantity', [STRING], BOOL, (text) => typeof parseQuantity(text) !== 'string'),
  celMethod('sign', Q, [], INT, function () {
    const { unscaled } = read(this);
    return unscaled > 0n ? 1n : unscaled < 0n ? -1n : 0n;
  }),
  celMethod('isInteger', Q, [], BOOL, function () {
    return asInt64(read(this)) !== undefined;
  }),
  celMethod('asInteger', Q, [], INT, function () {
    const value = asInt64(read(this));
    if (value === undefined) throw new Error('cannot convert value to integer');
    return value;
  }),
  celMethod('asApproximateFloat', Q, [], DOUBLE, function () {
    const d = read(this);
    return Number(`${d.unscaled}e${-d.scale}`);
  }),
  celMethod('compareTo', Q, [Q], INT, function (other) {
    return BigInt(compareDecimal(read(this), read(other)));
  }),
  celMethod('isGreaterThan', Q, [Q], BOOL, function (other) {
    return compareDecimal(read(this), read(other)) > 0;
  }),
  celMethod('isLessThan', Q, [Q], BOOL, function (other) {
    return compareDecimal(read(this), read(other)) < 0;
  }),
  celMethod('add', Q, [Q], Q, function (other) {
    return makeQuantity(addDecimal(read(this), read(other))) as never;
  }),
  celMethod('add', Q, [INT], Q, function (other) {
    return makeQuantity(addDecimal(read(this), fromInt(other))) as never;
  }),
  celMethod('sub', Q, [Q], Q, function (other) {
    return makeQuantity(addDecimal(read(this), negate(read(other)))) as never;
  }),
  celMethod('sub', Q, [INT], Q, function (other) {
    return makeQuantity(addDecimal(read(this), fromInt(-other))) as never;
  }),
];
