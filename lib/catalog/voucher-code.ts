// Voucher codes people read aloud at a gate: no 0/O, 1/I/L confusion ("TRB-7K4M-Q2XD").
import { randomBytes } from "node:crypto";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function newVoucherCode(prefix = "TRB"): string {
  const bytes = randomBytes(8);
  let s = "";
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length];
  return `${prefix}-${s.slice(0, 4)}-${s.slice(4)}`;
}

export function isVoucherCode(s: string): boolean {
  return /^[A-Z]{2,5}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/.test(s);
}
