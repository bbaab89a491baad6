// Server-side records of staff sign-ins (StaffSession). The session cookie carries the record's id
// and the absolute end of the session; every request checks both, so a staff session ends 12 hours
// after sign-in however often it is used, and sign-out makes a copied cookie worthless.
import type { Db } from "@/lib/db/client";
import { createId } from "@/lib/ids";

/** A staff session ends this long after sign-in, refreshed or not. */
export const STAFF_SESSION_MS = 12 * 3600_000;

export async function openStaffSession(db: Db, staff: { id: string; programId: string }, now = new Date()): Promise<{ id: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + STAFF_SESSION_MS);
  const row = await db.staffSession.create({ data: { id: createId("ses", now.getTime()), programId: staff.programId, staffUserId: staff.id, createdAt: now, expiresAt } });
  return { id: row.id, expiresAt };
}

/** Ends one session on the server (sign-out). Ending it twice is a no-op. */
export async function revokeStaffSession(db: Db, sessionId: string, now = new Date()): Promise<void> {
  await db.staffSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/**
 * The staff user of a live session: not revoked, not past its absolute end (the token's and the
 * record's), user active with the token's session version. Null ends the session.
 */
export async function liveStaffSession(db: Db, input: { sessionId: string; staffUserId: string; expiresAt: number; sessionVersion: number }, now = new Date()) {
  if (!(input.expiresAt > now.getTime())) return null;
  const s = await db.staffSession.findFirst({
    where: { id: input.sessionId, staffUserId: input.staffUserId, revokedAt: null, expiresAt: { gt: now } },
    select: { staffUser: { select: { active: true, sessionVersion: true, role: true, partnerId: true } } },
  });
  const u = s?.staffUser;
  if (!u || !u.active || u.sessionVersion !== input.sessionVersion) return null;
  return u;
}
