// The Kubernetes IP and CIDR libraries: ip(), isIP(), ip.isCanonical(), the methods of an IP, and
// cidr(), isCIDR() and the methods of a CIDR, with string() of both.
// https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-ip-address-library

import { celFunc, celMethod, CelScalar } from '@bufbuild/cel';
import type { CelFunc, CelValue } from '@bufbuild/cel';
import { opaque } from './types';
import { addressText, classify, containsAddress, masked, parseAddress, parsePrefix, prefixText } from './ip-parse';
import type { Address, Prefix } from './ip-parse';

const { BOOL, INT, STRING } = CelScalar;

export const ipType = opaque<Address>('net.IP');
export const cidrType = opaque<Prefix>('net.CIDR');
const IP = ipType.type;
const CIDR = cidrType.type;

function address(text: string): Address {
  const parsed = parseAddress(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

function prefix(text: string): Prefix {
  const parsed = parsePrefix(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

const makeIP = (a: Address) => ipType.make(a, addressText(a)) as never;
const makeCIDR = (p: Prefix) => cidrType.make(p, prefixText(p)) as never;
const ipOf = (v: CelValue) => ipType.read(v)!;
const cidrOf = (v: CelValue) => cidrType.read(v)!;

function predicate(name: keyof typeof classify): CelFunc {
  return celMethod(name, IP, [], BOOL, function () {
    return classify[name](ipOf(this));
  });
}

const contains = (p: Prefix, other: Prefix) => other.bits >= p.bits && containsAddress(p, other.address);

export const ips: CelFunc[] = [
  celFunc('ip', [STRING], IP, (text) => makeIP(address(text))),
  celFunc('isIP', [STRING], BOOL, (text) => typeof parseAddress(text) !== 'string'),
  celFunc('ip.isCanonical', [STRING], BOOL, (text) => addressText(address(text)) === text),
  celMethod('family', IP, [], INT, function () {
    return BigInt(ipOf(this).family);
  }),
  predicate('isUnspecified'),
  predicate('isLoopback'),
  predicate('isLinkLocalMulticast'),
  predicate('isLinkLocalUnicast'),
  predicate('isGlobalUnicast'),
  celFunc('string', [IP], STRING, (ip) => addressText(ipOf(ip))),
  celFunc('cidr', [STRING], CIDR, (text) => makeCIDR(prefix(text))),
  celFunc('isCIDR', [STRING], BOOL, (text) => typeof parsePrefix(text) !== 'string'),
  celMethod('containsIP', CIDR, [STRING], BOOL, function (text) {
    return containsAddress(cidrOf(this), address(text));
  }),
  celMethod('containsIP', CIDR, [IP], BOOL, function (ip) {
    return containsAddress(cidrOf(this), ipOf(ip));
  }),
  celMethod('containsCIDR', CIDR, [STRING], BOOL, function (text) {
    return contains(cidrOf(this), prefix(text));
  }),
  celMethod('containsCIDR', CIDR, [CIDR], BOOL, function (other) {
    return contains(cidrOf(this), cidrOf(other));
  }),
  celMethod('ip', CIDR, [], IP, function () {
    return makeIP(cidrOf(this).address);
  }),
  celMethod('masked', CIDR, [], CIDR, function () {
    return makeCIDR(masked(cidrOf(this)));
  }),
  celMethod('prefixLength', CIDR, [], INT, function () {
    return BigInt(cidrOf(this).bits);
  }),
  celFunc('string', [CIDR], STRING, (cidr) => prefixText(cidrOf(cidr))),
];
