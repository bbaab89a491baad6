// Tiny PNG images for the pass (icon, logo): drawn here so the pass needs no binary assets — a
// brand-coloured rounded badge with a white ring, RGBA, deflated with node's zlib.
import { crc32, deflateSync } from "node:zlib";

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes RGBA pixels (width × height × 4 bytes) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

function hexColor(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  const n = m ? parseInt(m[1], 16) : 0x0f766e;
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** A width × height badge: a brand-coloured disc with a white ring, on a transparent background. */
export function badgePng(width: number, height: number, color: string): Buffer {
  const [r, g, b] = hexColor(color);
  const px = new Uint8Array(width * height * 4);
  const radius = Math.min(width, height) / 2;
  const cx = radius;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) / radius;
      const i = (y * width + x) * 4;
      if (d > 1) continue;
      const ring = d > 0.62 && d < 0.76;
      px[i] = ring ? 255 : r;
      px[i + 1] = ring ? 255 : g;
      px[i + 2] = ring ? 255 : b;
      px[i + 3] = 255;
    }
  }
  return encodePng(width, height, px);
}
