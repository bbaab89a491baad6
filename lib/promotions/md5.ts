// The first 32 bits of MD5 (RFC 1321) of a string's UTF-8 bytes, as `createHash("md5")
// .update(s).digest().readUInt32BE(0)` gives them — in plain JS. The holdout bucket
// (holdout.ts) hashes short keys for every holdout promotion a new customer reaches, and a
// native hash costs ~2 µs a call in crossing into C++ and allocating, ten times the hash itself.

const K = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
const S = Uint8Array.from([7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]);
const G = Uint8Array.from({ length: 64 }, (_, i) => (i < 16 ? i : i < 32 ? (5 * i + 1) % 16 : i < 48 ? (3 * i + 5) % 16 : (7 * i) % 16));
const M = new Int32Array(16);
let scratch = new Uint8Array(128);

/** The UTF-8 bytes of `s` padded as MD5 wants them, in `scratch`; returns the padded length. */
function padded(s: string): number {
  let len = s.length;
  let ascii = true;
  for (let i = 0; i < len; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  const bytes = ascii ? null : Buffer.from(s, "utf8");
  if (bytes) len = bytes.length;
  const total = (((len + 8) >>> 6) + 1) * 64;
  if (scratch.length < total) scratch = new Uint8Array(total);
  if (bytes) scratch.set(bytes);
  else for (let i = 0; i < len; i++) scratch[i] = s.charCodeAt(i);
  scratch.fill(0, len, total);
  scratch[len] = 0x80;
  const bitsLow = (len << 3) >>> 0;
  const bitsHigh = Math.floor(len / 0x20000000);
  for (let i = 0; i < 4; i++) {
    scratch[total - 8 + i] = (bitsLow >>> (8 * i)) & 0xff;
    scratch[total - 4 + i] = (bitsHigh >>> (8 * i)) & 0xff;
  }
  return total;
}

/** The digest's first four bytes read big-endian (0 … 2^32 − 1). */
export function md5First32(s: string): number {
  const total = padded(s);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476;
  for (let o = 0; o < total; o += 64) {
    for (let j = 0; j < 16; j++) {
      const p = o + 4 * j;
      M[j] = scratch[p] | (scratch[p + 1] << 8) | (scratch[p + 2] << 16) | (scratch[p + 3] << 24);
    }
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      if (i < 16) f = (b & c) | (~b & d);
      else if (i < 32) f = (d & b) | (~d & c);
      else if (i < 48) f = b ^ c ^ d;
      else f = c ^ (b | ~d);
      f = (f + a + K[i] + M[G[i]]) | 0;
      a = d;
      d = c;
      c = b;
      const r = S[((i >>> 4) << 2) | (i & 3)];
      b = (b + ((f << r) | (f >>> (32 - r)))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  // The digest starts with a0's bytes, least significant first.
  return (((a0 & 0xff) << 24) | (((a0 >>> 8) & 0xff) << 16) | (((a0 >>> 16) & 0xff) << 8) | ((a0 >>> 24) & 0xff)) >>> 0;
}
