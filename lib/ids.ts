// Prefixed, sortable, random ids (cus_…, rcp_…): readable in logs and support tickets.
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

export type IdPrefix =
  | "prg"
  | "ptn"
  | "sto"
  | "trm"
  | "stf"
  | "cus"
  | "crd"
  | "pvr"
  | "acc"
  | "pts"
  | "lot"
  | "hld"
  | "rcp"
  | "rln"
  | "ret"
  | "vis"
  | "otp"
  | "sms"
  | "eml"
  | "idk"
  | "job"
  | "cat"
  | "red"
  | "fbk"
  | "fbm"
  | "ach"
  | "seg"
  | "tie"
  | "met"
  | "ses"
  | "prm"
  | "aud"
  | "oic"
  | "gft"
  | "gfb"
  | "gfe"
  | "wpu"
  | "pmv"
  | "pcd"
  | "ppr"
  | "svy"
  | "msg"
  | "imp"
  | "cmp"
  | "pct"
  | "psg"
  | "sim";

function encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

// Random bytes are drawn from a pool refilled 8 KB at a time: one randomBytes call per id costs
// more than the rest of the id (bulk paths such as the legacy import make millions).
const POOL_SIZE = 8192;
let pool = Buffer.alloc(0);
let poolAt = 0;

/** 48-bit millisecond time + 80 random bits: ids sort by creation time. */
export function createId(prefix: IdPrefix, now = Date.now()): string {
  if (poolAt + 10 > pool.length) {
    pool = randomBytes(POOL_SIZE);
    poolAt = 0;
  }
  const buf = Buffer.allocUnsafe(16);
  buf.writeUIntBE(now, 0, 6);
  pool.copy(buf, 6, poolAt, poolAt + 10);
  poolAt += 10;
  return `${prefix}_${encode(buf)}`;
}
