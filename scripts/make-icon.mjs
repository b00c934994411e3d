// `node scripts/make-icon.mjs`: draws the extension's 128×128 icon (a white shield with a check mark
// on the gallery banner's blue) and writes icon.png. A PNG is a signature, an IHDR chunk, the
// zlib-compressed scanlines in IDAT and an IEND chunk; node's zlib does the compression, so no image
// library is needed. The output is deterministic: running it again leaves icon.png unchanged.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const iconPath = join(root, 'icon.png');
export const size = 128;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels (width × height × 4 bytes) as a PNG: 8-bit RGBA, no filter on any row. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter method, no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const banner = [0x0f, 0x2d, 0x4a];
const shieldBlue = [0x32, 0x6c, 0xe5]; // the Kubernetes blue
const white = [0xff, 0xff, 0xff];

/** Signed distance-like tests in unit coordinates (0..1): inside the rounded square, the shield, the check. */
function inRoundedSquare(x, y) {
  const r = 0.18;
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  return dx * dx + dy * dy <= r * r;
}

function inShield(x, y, inset = 0) {
  const top = 0.16 + inset;
  const left = 0.22 + inset;
  const right = 0.78 - inset;
  const shoulder = 0.5;
  const tip = 0.88 - inset * 1.4;
  if (y < top || x < left || x > right) return false;
  if (y <= shoulder) return true;
  // Below the shoulder the sides curve in to the tip.
  const t = (y - shoulder) / (tip - shoulder);
  if (t > 1) return false;
  const half = ((right - left) / 2) * Math.sqrt(1 - t * t);
  return Math.abs(x - 0.5) <= half;
}

function distanceToSegment(px, py, ax, ay, bx, by) {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
}

function inCheck(x, y) {
  const w = 0.045;
  return distanceToSegment(x, y, 0.36, 0.5, 0.46, 0.62) <= w || distanceToSegment(x, y, 0.46, 0.62, 0.66, 0.38) <= w;
}

/** The colour at a unit-square point, or undefined for transparent. */
function colourAt(x, y) {
  if (!inRoundedSquare(x, y)) return undefined;
  if (inShield(x, y, 0.035)) return inCheck(x, y) ? white : shieldBlue;
  if (inShield(x, y)) return white;
  return banner;
}

/** The icon's RGBA pixels, 4×4 supersampled so the edges are smooth. */
export function drawIcon(n = size) {
  const pixels = Buffer.alloc(n * n * 4);
  const samples = 4;
  for (let py = 0; py < n; py++) {
    for (let px = 0; px < n; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((px + (sx + 0.5) / samples) / n, (py + (sy + 0.5) / samples) / n);
          if (!colour) continue;
          for (let i = 0; i < 3; i++) sum[i] += colour[i];
          sum[3] += 1;
        }
      }
      const at = (py * n + px) * 4;
      const covered = sum[3];
      if (covered === 0) continue;
      for (let i = 0; i < 3; i++) pixels[at + i] = Math.round(sum[i] / covered);
      pixels[at + 3] = Math.round((255 * covered) / (samples * samples));
    }
  }
  return pixels;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(iconPath, encodePng(size, size, drawIcon()));
  console.log(`wrote ${iconPath}`);
}
