// A member as a partner may address them: an opaque reference per partner instead of the
// customer id (an id works at any till of the program; a reference only in this partner's portal).
// Deterministic authenticated encryption (SIV-style): the IV is an HMAC of the id, the id is
// encrypted under it with AES-256-CTR, and decoding checks the IV again — so a reference of
// another partner, or a tampered one, decodes to nothing. Keys derive from AUTH_SECRET per partner.
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from "node:crypto";
import { secretHash } from "@/lib/messaging/limits";

const keys = (partnerId: string) => ({
  enc: Buffer.from(secretHash("partner-member-ref:enc", partnerId), "hex"),
  mac: Buffer.from(secretHash("partner-member-ref:mac", partnerId), "hex"),
});

const ivOf = (mac: Buffer, customerId: string) => createHmac("sha256", mac).update(customerId).digest().subarray(0, 16);

/** The partner's reference of a member (URL-safe, ~60 characters). */
export function memberRef(partnerId: string, customerId: string): string {
  const k = keys(partnerId);
  const iv = ivOf(k.mac, customerId);
  const c = createCipheriv("aes-256-ctr", k.enc, iv);
  return Buffer.concat([iv, c.update(customerId, "utf8"), c.final()]).toString("base64url");
}

/** The customer id behind one of this partner's references, or null. */
export function memberIdFromRef(partnerId: string, ref: string): string | null {
  if (typeof ref !== "string" || ref.length < 24 || ref.length > 200 || !/^[A-Za-z0-9_-]+$/.test(ref)) return null;
  const raw = Buffer.from(ref, "base64url");
  if (raw.length <= 16) return null;
  const k = keys(partnerId);
  const iv = raw.subarray(0, 16);
  const d = createDecipheriv("aes-256-ctr", k.enc, iv);
  const id = Buffer.concat([d.update(raw.subarray(16)), d.final()]).toString("utf8");
  const expected = ivOf(k.mac, id);
  return timingSafeEqual(expected, iv) ? id : null;
}
