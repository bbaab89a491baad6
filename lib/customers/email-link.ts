// Single-use email links: the magic sign-in link and the email verification link. The token is
// 32 random bytes in the URL; only its HMAC (keyed with AUTH_SECRET) is stored. Sign-in links
// live 15 minutes, verification links 24 hours; a token works once, and only by a POST from its
// page (a GET of the link, e.g. by a mail scanner, consumes nothing). Links go out at most once a
// minute and 5 an hour per address, serialised per address (advisory lock).
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { writeAudit } from "@/lib/audit/write-audit";
import { sendLinkEmail } from "@/lib/email/send-templates";
import { appUrl } from "@/lib/env";
import { inTransaction, lockKey, secretHash } from "@/lib/messaging/limits";

export const SIGN_IN_LINK_TTL_MS = 15 * 60_000;
export const VERIFY_LINK_TTL_MS = 24 * 3600_000;
const PER_MINUTE = 1;
const PER_HOUR = 5;

export const hashToken = (token: string) => secretHash("email-link", token);

async function rateLimit(db: Db, email: string, now: Date) {
  const recent = await db.emailToken.findMany({ where: { email, createdAt: { gt: new Date(now.getTime() - 3600_000) } }, select: { createdAt: true }, orderBy: { createdAt: "asc" } });
  const lastMinute = recent.filter((r) => r.createdAt.getTime() > now.getTime() - 60_000);
  if (lastMinute.length >= PER_MINUTE) {
    throw new AppError("rate_limited", "A link was sent less than a minute ago", { retryAfter: Math.max(1, Math.ceil((lastMinute[0].createdAt.getTime() + 60_000 - now.getTime()) / 1000)) });
  }
  if (recent.length >= PER_HOUR) throw new AppError("rate_limited", "Too many links this hour", { retryAfter: 3600 });
}

/** A new token after the address's rate limit, checked and written under the address's lock. */
async function createToken(db: Db, input: { programId: string; customerId: string; email: string; purpose: "sign_in" | "verify_email"; now: Date }) {
  const token = randomBytes(32).toString("base64url");
  const ttl = input.purpose === "sign_in" ? SIGN_IN_LINK_TTL_MS : VERIFY_LINK_TTL_MS;
  await inTransaction(db, async (tx) => {
    await lockKey(tx, `email-link:${input.programId}:${input.email}`);
    await rateLimit(tx, input.email, input.now);
    await tx.emailToken.create({
      data: {
        id: createId("eml", input.now.getTime()),
        programId: input.programId,
        purpose: input.purpose,
        email: input.email,
        customerId: input.customerId,
        tokenHash: hashToken(token),
        expiresAt: new Date(input.now.getTime() + ttl),
        createdAt: input.now,
      },
    });
  });
  return token;
}

/**
 * Sends a sign-in link when the address is a verified email of an active customer. Always
 * answers the same way (no account probing); returns whether a link was sent (for tests).
 */
export async function requestEmailSignInLink(db: Db, input: { programId: string; email: string; locale?: string | null; now?: Date }): Promise<{ sent: boolean }> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const customer = await db.customer.findUnique({ where: { programId_email: { programId: input.programId, email } }, select: { id: true, status: true, emailVerifiedAt: true, locale: true } });
  if (!customer || !customer.emailVerifiedAt || customer.status !== "active") return { sent: false };
  const token = await createToken(db, { programId: input.programId, customerId: customer.id, email, purpose: "sign_in", now });
  const url = appUrl(`/cabinet/sign-in/email?token=${token}`);
  await sendLinkEmail(db, { programId: input.programId, to: email, url, kind: "sign_in", locale: input.locale ?? customer.locale, secrets: [token] });
  return { sent: true };
}

/** Consumes a token of `purpose` exactly once; throws invalid_code / code_expired. */
async function consume(db: Db, token: string, purpose: "sign_in" | "verify_email", now: Date) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError("invalid_code", "This link is not valid");
  const row = await db.emailToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== purpose) throw new AppError("invalid_code", "This link is not valid");
  if (row.consumedAt) throw new AppError("invalid_code", "This link was already used");
  if (row.expiresAt <= now) throw new AppError("code_expired", "This link has expired");
  const done = await db.emailToken.updateMany({ where: { id: row.id, consumedAt: null }, data: { consumedAt: now } });
  if (done.count !== 1) throw new AppError("invalid_code", "This link was already used");
  return row;
}

/** The customer a sign-in link belongs to (the email must still be theirs and verified). */
export async function consumeEmailSignInToken(db: Db, token: string, now = new Date()) {
  const row = await consume(db, token, "sign_in", now);
  const customer = await db.customer.findUnique({ where: { id: row.customerId } });
  if (!customer || customer.email !== row.email || !customer.emailVerifiedAt) throw new AppError("invalid_code", "This link is not valid");
  if (customer.status !== "active") throw new AppError("customer_blocked", "This account is blocked: contact support");
  return customer;
}

/**
 * A signed-in fan adds or changes their email: the address is linked to the account only when
 * the link sent to it is opened. Refused when another customer of the program has it.
 */
export async function requestEmailVerification(db: Db, input: { customerId: string; email: string; locale?: string | null; now?: Date }) {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const customer = await db.customer.findUniqueOrThrow({ where: { id: input.customerId }, select: { id: true, programId: true, email: true, emailVerifiedAt: true, locale: true } });
  if (customer.email === email && customer.emailVerifiedAt) throw new AppError("invalid_request", "This email is already verified", { details: [{ path: "email", message: "already_verified" }] });
  const taken = await db.customer.findFirst({ where: { programId: customer.programId, email, NOT: { id: customer.id } }, select: { id: true } });
  if (taken) throw new AppError("already_exists", "Another account uses this email", { details: [{ path: "email", message: "email_taken" }] });
  const token = await createToken(db, { programId: customer.programId, customerId: customer.id, email, purpose: "verify_email", now });
  const url = appUrl(`/cabinet/verify-email?token=${token}`);
  await sendLinkEmail(db, { programId: customer.programId, to: email, url, kind: "verify_email", locale: input.locale ?? customer.locale, secrets: [token] });
  return { email };
}

/** Opens a verification link: the email becomes the customer's verified email. */
export async function verifyEmailToken(db: Db, token: string, now = new Date()) {
  const row = await consume(db, token, "verify_email", now);
  const taken = await db.customer.findFirst({ where: { programId: row.programId, email: row.email, NOT: { id: row.customerId } }, select: { id: true } });
  if (taken) throw new AppError("already_exists", "Another account uses this email");
  const before = await db.customer.findUniqueOrThrow({ where: { id: row.customerId }, select: { email: true } });
  await db.customer.update({ where: { id: row.customerId }, data: { email: row.email, emailVerifiedAt: now } });
  await writeAudit(db, {
    programId: row.programId,
    actor: { type: "customer", id: row.customerId },
    action: "customer.email_verified",
    entityType: "customer",
    entityId: row.customerId,
    before: { email: before.email },
    after: { email: row.email },
  });
  return { customerId: row.customerId, email: row.email };
}

/** The email waiting for verification (the newest unexpired, unconsumed link), for the profile page. */
export async function pendingEmail(db: Db, customerId: string, now = new Date()) {
  const row = await db.emailToken.findFirst({ where: { customerId, purpose: "verify_email", consumedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" }, select: { email: true } });
  return row?.email ?? null;
}
