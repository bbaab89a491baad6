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

/** 48-bit millisecond time + 80 random bits: ids sort by creation time. */
export function createId(prefix: IdPrefix, now = Date.now()): string {
  const buf = Buffer.alloc(16);
  buf.writeUIntBE(now, 0, 6);
  randomBytes(10).copy(buf, 6);
  return `${prefix}_${encode(buf)}`;
}
