// The first 32 bits of MD5 (RFC 1321) of a string's UTF-8 bytes, as `createHash("md5")
// .update(s).digest().readUInt32BE(0)` gives them — in plain JS. The holdout bucket
// (holdout.ts) hashes a short key for every holdout promotion a customer reaches, and a native
// hash costs ~2 µs a call in crossing into C++ and allocating, several times the hash itself.

const K = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
const S = Uint8Array.from([7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]);
const G = Uint8Array.from({ length: 64 }, (_, i) => (i < 16 ? i : i < 32 ? (5 * i + 1) % 16 : i < 48 ? (3 * i + 5) % 16 : (7 * i) % 16));
/** The block being hashed, as 16 little-endian words. */
const M = new Int32Array(16);
/** The running digest (A, B, C, D). */
const H = new Int32Array(4);
let scratch = new Uint8Array(128);

/** The digest's first four bytes read big-endian (0 … 2^32 − 1). */
export function md5First32(s: string): number {
  H[0] = 0x67452301;
  H[1] = 0xefcdab89 | 0;
  H[2] = 0x98badcfe | 0;
  H[3] = 0x10325476;
  if (oneBlock(s)) compress();
  else {
    const total = padded(s);
    for (let o = 0; o < total; o += 64) {
      for (let j = 0; j < 16; j++) {
        const p = o + 4 * j;
        M[j] = scratch[p] | (scratch[p + 1] << 8) | (scratch[p + 2] << 16) | (scratch[p + 3] << 24);
      }
      compress();
    }
  }
  // The digest starts with A's bytes, least significant first.
  const a0 = H[0];
  return (((a0 & 0xff) << 24) | (((a0 >>> 8) & 0xff) << 16) | (((a0 >>> 16) & 0xff) << 8) | ((a0 >>> 24) & 0xff)) >>> 0;
}

/** One 64-byte block (in M) into H: four rounds of 16 steps, each with its function, word order and shifts (RFC 1321, 3.4). */
function compress() {
  let a = H[0];
  let b = H[1];
  let c = H[2];
  let d = H[3];
  let f: number;
  let t: number;
  for (let i = 0; i < 64; i++) {
    if (i < 16) f = (b & c) | (~b & d);
    else if (i < 32) f = (d & b) | (~d & c);
    else if (i < 48) f = b ^ c ^ d;
    else f = c ^ (b | ~d);
    f = (f + a + K[i] + M[G[i]]) | 0;
    t = S[((i >>> 4) << 2) | (i & 3)];
    a = d;
    d = c;
    c = b;
    b = (b + ((f << t) | (f >>> (32 - t)))) | 0;
  }
  H[0] = (H[0] + a) | 0;
  H[1] = (H[1] + b) | 0;
  H[2] = (H[2] + c) | 0;
  H[3] = (H[3] + d) | 0;
}

/** An ASCII string of up to 55 characters (every holdout key in practice) is one padded block: its words go straight into M. */
function oneBlock(s: string): boolean {
  const len = s.length;
  if (len > 55) return false;
  M.fill(0);
  for (let i = 0; i < len; i++) {
    const ch = s.charCodeAt(i);
    if (ch > 0x7f) return false;
    M[i >> 2] |= ch << ((i & 3) << 3);
  }
  M[len >> 2] |= 0x80 << ((len & 3) << 3);
  M[14] = len << 3;
  return true;
}

/** Any other string: its UTF-8 bytes padded as MD5 wants them, in `scratch`; returns the padded length. */
function padded(s: string): number {
  const bytes = Buffer.from(s, "utf8");
  const len = bytes.length;
  const total = (((len + 8) >>> 6) + 1) * 64;
  if (scratch.length < total) scratch = new Uint8Array(total);
  scratch.set(bytes);
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
