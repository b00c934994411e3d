// Kubernetes resource quantities (`500m`, `1.5Gi`, `2e3`) as exact decimals, parsed as
// k8s.io/apimachinery/pkg/api/resource.ParseQuantity does: a signed decimal number, then one suffix
// (binary Ki…Ei, decimal n u m k M G T P E, or an exponent e/E±N), precision rounded up to 10^-9.

/** `unscaled × 10^-scale`, normalised: no trailing zeros in `unscaled` (zero has scale 0). */
export interface Decimal {
  unscaled: bigint;
  scale: number;
}

const binary: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const decimal: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const number = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;
/** Beyond this exponent exact arithmetic would build numbers of millions of digits on a keystroke. */
const maxExponent = 1000;

export function normalise(unscaled: bigint, scale: number): Decimal {
  if (unscaled === 0n) return { unscaled, scale: 0 };
  while (unscaled % 10n === 0n) {
    unscaled /= 10n;
    scale--;
  }
  return { unscaled, scale };
}

/** The quantity of `text`, or an error message. */
export function parseQuantity(text: string): Decimal | string {
  const match = number.exec(text);
  if (!text || !match || (match[2] === '' && !match[3])) return "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  const [, sign, whole, fraction = '', suffix] = match;
  let unscaled = BigInt((whole || '0') + fraction) * (sign === '-' ? -1n : 1n);
  let scale = fraction.length;
  if (suffix in binary) unscaled *= 1024n ** BigInt(binary[suffix]);
  else if (suffix in decimal) scale -= decimal[suffix];
  else if (/^[eE][+-]?\d+$/.test(suffix)) scale -= Number(suffix.slice(1));
  else return `unable to parse quantity's suffix '${suffix}'`;
  if (Math.abs(scale) > maxExponent) return `quantity '${text}' has an exponent beyond ±${maxExponent}, which kube-harden does not evaluate`;
  if (scale > 9) {
    // Precision below a nano unit rounds away from zero, as Kubernetes rounds up.
    const divisor = 10n ** BigInt(scale - 9);
    const rounded = unscaled / divisor + (unscaled % divisor === 0n ? 0n : unscaled < 0n ? -1n : 1n);
    return normalise(rounded, 9);
  }
  return normalise(unscaled, scale);
}

/** The two decimals over one scale, for exact comparison and sums. */
function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.unscaled * 10n ** BigInt(scale - a.scale), b.unscaled * 10n ** BigInt(scale - b.scale), scale];
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return normalise(x + y, scale);
}

/** The value as an int64, undefined when it has a fraction or overflows. */
export function asInt64(d: Decimal): bigint | undefined {
  if (d.scale > 0) return undefined;
  const value = d.unscaled * 10n ** BigInt(-d.scale);
  return value > 2n ** 63n - 1n || value < -(2n ** 63n) ? undefined : value;
}

/** Exact decimal text (`0.25`, `70000`), in exponent form only for extreme magnitudes. */
export function decimalText(d: Decimal): string {
  if (Math.abs(d.scale) > 30) return `${d.unscaled}e${-d.scale}`;
  const negative = d.unscaled < 0n;
  const digits = (negative ? -d.unscaled : d.unscaled).toString();
  let text: string;
  if (d.scale <= 0) text = digits + '0'.repeat(-d.scale);
  else {
    const padded = digits.padStart(d.scale + 1, '0');
    text = `${padded.slice(0, -d.scale)}.${padded.slice(-d.scale)}`;
  }
  return negative ? `-${text}` : text;
}
