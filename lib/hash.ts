// SHA-256 of a high-entropy secret (terminal keys, site secrets, pass tokens): what the database
// keeps instead of the secret. Low-entropy codes and PINs use an HMAC keyed by AUTH_SECRET instead.
import { createHash } from "node:crypto";

export function sha256Hex(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
