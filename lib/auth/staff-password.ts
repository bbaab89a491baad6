// Password check with lockout, testable without next-auth.
import { hash, verify } from "@node-rs/argon2";
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const MIN_PASSWORD_LENGTH = 10;

// A real hash to verify against when the email is unknown, so timing does not reveal accounts.
let dummyHash: Promise<string> | undefined;

export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("invalid_request", `The password must have at least ${MIN_PASSWORD_LENGTH} characters`, { details: [{ path: "password", message: "too short" }] });
  }
  return hash(password);
}

export type StaffPasswordOutcome =
  | { ok: true; user: NonNullable<Awaited<ReturnType<Db["staffUser"]["findUnique"]>>> }
  | { ok: false; reason: "invalid" | "locked" };

/** The staff user when the password is right and the account is active and not locked; else null. */
export async function verifyStaffPassword(db: Db, email: string, password: string, now = new Date()) {
  const out = await checkStaffPassword(db, email, password, now);
  return out.ok ? out.user : null;
}

/** Like verifyStaffPassword, but says why it failed: "locked" lets the sign-in page explain the wait. */
export async function checkStaffPassword(db: Db, email: string, password: string, now = new Date()): Promise<StaffPasswordOutcome> {
  const user = await db.staffUser.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || !user.active) {
    dummyHash ??= hash("not-a-real-password");
    await verify(await dummyHash, password).catch(() => false);
    return { ok: false, reason: "invalid" };
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await writeAudit(db, { programId: user.programId, actor: { type: "staff", id: user.id }, action: "staff.sign_in_locked", entityType: "StaffUser", entityId: user.id });
    return { ok: false, reason: "locked" };
  }
  const ok = await verify(user.passwordHash, password).catch(() => false);
  if (!ok) {
    // Atomic increment: parallel wrong guesses all count.
    const updated = await db.staffUser.update({ where: { id: user.id }, data: { failedLogins: { increment: 1 } } });
    if (updated.failedLogins >= MAX_FAILED_LOGINS) {
      await db.staffUser.update({ where: { id: user.id }, data: { lockedUntil: new Date(now.getTime() + LOCKOUT_MS), failedLogins: 0 } });
      await writeAudit(db, { programId: user.programId, actor: { type: "system" }, action: "staff.locked", entityType: "StaffUser", entityId: user.id, reason: `${MAX_FAILED_LOGINS} wrong passwords` });
      return { ok: false, reason: "locked" };
    }
    return { ok: false, reason: "invalid" };
  }
  await db.staffUser.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
  await writeAudit(db, { programId: user.programId, actor: { type: "staff", id: user.id }, action: "staff.sign_in", entityType: "StaffUser", entityId: user.id });
  return { ok: true, user };
}
