// Issues a virtual card: the next EAN-13 serial (taken under a transaction-scoped advisory lock,
// so two registrations at the same moment never get the same number) and a random QR token.
import { randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { cardNumberFromSerial } from "./card-number";

const CARD_SERIAL_LOCK = 72707370;

/** A random, unguessable token for the card's QR code (base62, 24 characters). */
export function newQrToken(): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  const bytes = randomBytes(24);
  let out = "";
  for (const b of bytes) out += alphabet[b % 62];
  return out;
}

export async function issueCard(tx: Prisma.TransactionClient, programId: string, customerId: string, at = new Date()) {
  await tx.$executeRaw`select pg_advisory_xact_lock(${CARD_SERIAL_LOCK})`;
  // The range lets max() read one entry of "Card_number_key" (LIKE alone cannot use it under a
  // non-C collation, and scanned every card: test/hot-query-plans.test.ts); LIKE keeps the meaning.
  const [row] = await tx.$queryRaw<{ max: string | null }[]>`select max(number) as max from "Card" where number >= '20' and number < '21' and number like '20%'`;
  const serial = row?.max ? Number(row.max.slice(2, 12)) + 1 : 1;
  return tx.card.create({
    data: { id: createId("crd", at.getTime()), programId, customerId, number: cardNumberFromSerial(serial), qrToken: newQrToken(), issuedAt: at },
  });
}
