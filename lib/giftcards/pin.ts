// Certificate numbers and PINs. A PIN is stored only as a hash bound to the certificate's id:
// HMAC-SHA256 keyed with AUTH_SECRET when the deployment has one ("hmac:"), SHA-256 of id and PIN
// otherwise ("sha256:"); the scheme is kept with the hash so either verifies later. Comparison is
// constant-time.
import { createHash, createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/** Wrong PINs a certificate takes before it refuses every PIN until staff unblock it. */
export const MAX_PIN_ATTEMPTS = 5;
export const PIN_DIGITS = 6;
/** Validity of a certificate sold at a till without a printed expiry. */
export const GIFT_CARD_VALIDITY_DAYS = 365;

export function generatePin(): string {
  return String(randomInt(0, 10 ** PIN_DIGITS)).padStart(PIN_DIGITS, "0");
}

/** 16 digits starting with 77, the last a Luhn check digit (tills and printers treat it as a card). */
export function generateNumber(): string {
  let body = "77";
  while (body.length < 15) body += String(randomInt(0, 10));
  return body + luhnDigit(body);
}

function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

function digest(scheme: "hmac" | "sha256", id: string, pin: string): Buffer | null {
  if (scheme === "hmac") {
    const secret = env().AUTH_SECRET;
    return secret ? createHmac("sha256", secret).update(`giftcard:${id}:${pin}`).digest() : null;
  }
  return createHash("sha256").update(`giftcard:${id}:${pin}`).digest();
}

export function hashPin(id: string, pin: string): string {
  const scheme = env().AUTH_SECRET ? "hmac" : "sha256";
  return `${scheme}:${digest(scheme, id, pin)!.toString("hex")}`;
}

export function pinMatches(stored: string, id: string, pin: string): boolean {
  const [scheme, hex] = stored.split(":");
  if ((scheme !== "hmac" && scheme !== "sha256") || !hex) return false;
  const expected = Buffer.from(hex, "hex");
  const actual = digest(scheme, id, pin);
  if (!actual || actual.length !== expected.length) return false;
  return timingSafeEqual(actual, expected);
}
