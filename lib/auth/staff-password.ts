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
    throw new AppError("invalid_request", `The password must have at least ${MIN_PASSWORD_LENGTH} characters`, { details: [{ path: "password", message: "too_short" }] });
  }
  return hash(password);
}

export type StaffPasswordOutcome = { ok: true; user: NonNullable<Awaited<ReturnType<Db["staffUser"]["findUnique"]>>> } | { ok: false; reason: "invalid" | "locked" };

/** The staff user when the password is right and the account is active and not locked; else null. */
export async function verifyStaffPassword(db: Db, email: string, password: string, now = new Date()) {
  const out = await checkStaffPassword(db, email, password, now);
  return out.ok ? out.user : null;
}

type Claim = { failedLogins: number; lockedUntil: Date | null };

/**
 * Like verifyStaffPassword, but says why it failed: "locked" lets the sign-in page explain the wait.
 *
 * The lockout check and the attempt are one atomic step: a conditional UPDATE claims an attempt
 * (failedLogins + 1) only while the account is not locked, and the claim that reaches the limit
 * locks the account in the same statement. Only a claimed attempt gets its password checked, so
 * parallel guesses — wrong or right — can never be more than MAX_FAILED_LOGINS in a row, and a
 * locked account is refused before any password is looked at.
 */
export async function checkStaffPassword(db: Db, email: string, password: string, now = new Date()): Promise<StaffPasswordOutcome> {
  const user = await db.staffUser.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || !user.active) {
    dummyHash ??= hash("not-a-real-password");
    await verify(await dummyHash, password).catch(() => false);
    return { ok: false, reason: "invalid" };
  }
  const lockUntil = new Date(now.getTime() + LOCKOUT_MS);
  // A lock that has run out starts a fresh count.
  const [claim] = await db.$queryRaw<Claim[]>`
    update "StaffUser" set
      "failedLogins" = case when "lockedUntil" is not null then 1 else "failedLogins" + 1 end,
      "lockedUntil" = case when (case when "lockedUntil" is not null then 1 else "failedLogins" + 1 end) >= ${MAX_FAILED_LOGINS} then ${lockUntil}::timestamptz else null end
    where id = ${user.id} and active and ("lockedUntil" is null or "lockedUntil" <= ${now}::timestamptz)
    returning "failedLogins", "lockedUntil"`;
  if (!claim) {
    await writeAudit(db, { programId: user.programId, actor: { type: "staff", id: user.id }, action: "staff.sign_in_locked", entityType: "StaffUser", entityId: user.id });
    return { ok: false, reason: "locked" };
  }
  const lockedByThisAttempt = claim.lockedUntil !== null;
  const ok = await verify(user.passwordHash, password).catch(() => false);
  if (!ok) {
    if (lockedByThisAttempt) {
      await writeAudit(db, {
        programId: user.programId,
        actor: { type: "system" },
        action: "staff.locked",
        entityType: "StaffUser",
        entityId: user.id,
        reason: `${MAX_FAILED_LOGINS} wrong passwords`,
      });
      return { ok: false, reason: "locked" };
    }
    return { ok: false, reason: "invalid" };
  }
  // The right password: the count starts again. A lock stays unless this very attempt set it
  // (a lock set by a parallel wrong guess is not lifted by a right one).
  await db.$executeRaw`
    update "StaffUser" set "failedLogins" = 0, "lastLoginAt" = ${now}::timestamptz,
      "lockedUntil" = case when ${lockedByThisAttempt}::boolean and "lockedUntil" = ${claim.lockedUntil}::timestamptz then null else "lockedUntil" end
    where id = ${user.id}`;
  await writeAudit(db, { programId: user.programId, actor: { type: "staff", id: user.id }, action: "staff.sign_in", entityType: "StaffUser", entityId: user.id });
  return { ok: true, user };
}
