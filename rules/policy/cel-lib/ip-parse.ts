// IP addresses and prefixes as Go's net/netip parses and prints them, with the Kubernetes library's
// refusals on top: no zone (`fe80::1%eth0`) and no IPv4-mapped IPv6 address (`::ffff:1.2.3.4`).

export interface Address {
  family: 4 | 6;
  /** The address as a number: 32 bits for IPv4, 128 for IPv6. */
  value: bigint;
}

export interface Prefix {
  address: Address;
  bits: number;
}

const bitsOf = (family: 4 | 6) => (family === 4 ? 32 : 128);

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // netip refuses leading zeros: `010.0.0.1` is octal to some parsers and decimal to others.
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIPv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    const parts = half.split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIPv4(part);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) out.push(parseInt(part, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return [...head, ...Array<number>(missing).fill(0), ...tail].reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

/** The address of `text`, or an error message. */
export function parseAddress(text: string): Address | string {
  if (text.includes('%')) return `IP address with zone value is not allowed: ${text}`;
  if (!text.includes(':')) {
    const value = parseIPv4(text);
    return value === undefined ? `IP Address "${text}" parse error during conversion from string: ParseAddr("${text}"): unable to parse IP` : { family: 4, value };
  }
  const value = parseIPv6(text);
  if (value === undefined) return `IP Address "${text}" parse error during conversion from string: ParseAddr("${text}"): unable to parse IP`;
  if (value >> 32n === 0xffffn) return `IPv4-mapped IPv6 address "${text}" is not allowed`;
  return { family: 6, value };
}

/** The prefix of `text` (`10.0.0.0/8`), or an error message. */
export function parsePrefix(text: string): Prefix | string {
  const slash = text.lastIndexOf('/');
  const bitsText = text.slice(slash + 1);
  if (slash < 0) return `network address parse error during conversion from string: netip.ParsePrefix("${text}"): no '/'`;
  const address = parseAddress(text.slice(0, slash));
  if (typeof address === 'string') return address;
  if (!/^(0|[1-9]\d*)$/.test(bitsText) || Number(bitsText) > bitsOf(address.family))
    return `network address parse error during conversion from string: netip.ParsePrefix("${text}"): bad bits after slash: "${bitsText}"`;
  return { address, bits: Number(bitsText) };
}

/** netip's String(): dotted IPv4; IPv6 in the RFC 5952 form (lower case, longest zero run as `::`). */
export function addressText(a: Address): string {
  if (a.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((a.value >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((a.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1;
  let length = 0;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > length && j - i >= 2) [best, length] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + length).join(':')}`;
}

export const prefixText = (p: Prefix) => `${addressText(p.address)}/${p.bits}`;

export function masked(p: Prefix): Prefix {
  const total = bitsOf(p.address.family);
  const mask = ((1n << BigInt(total)) - 1n) ^ ((1n << BigInt(total - p.bits)) - 1n);
  return { address: { family: p.address.family, value: p.address.value & mask }, bits: p.bits };
}

export function containsAddress(p: Prefix, a: Address): boolean {
  return p.address.family === a.family && masked(p).address.value === masked({ address: a, bits: p.bits }).address.value;
}

const inRange = (a: Address, family: 4 | 6, base: bigint, bits: number) => a.family === family && a.value >> BigInt(bitsOf(family) - bits) === base >> BigInt(bitsOf(family) - bits);

/** The classifications of netip.Addr. */
export const classify = {
  isUnspecified: (a: Address) => a.value === 0n,
  isLoopback: (a: Address) => (a.family === 4 ? inRange(a, 4, 0x7f000000n, 8) : a.value === 1n),
  isMulticast: (a: Address) => inRange(a, 4, 0xe0000000n, 4) || inRange(a, 6, 0xffn << 120n, 8),
  // netip: IPv4 224.0.0.0/24, and IPv6 ff02::/16 with any flag bits (ff12::, ff32::).
  isLinkLocalMulticast: (a: Address) => inRange(a, 4, 0xe0000000n, 24) || (a.family === 6 && ((a.value >> 112n) & 0xff0fn) === 0xff02n),
  isLinkLocalUnicast: (a: Address) => inRange(a, 4, 0xa9fe0000n, 16) || inRange(a, 6, 0xfe80n << 112n, 10),
  isGlobalUnicast: (a: Address) => !(a.family === 4 && a.value === 0xffffffffn) && !classify.isUnspecified(a) && !classify.isLoopback(a) && !classify.isMulticast(a) && !classify.isLinkLocalUnicast(a),
};
