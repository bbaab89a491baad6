// Who is signed in: a fan (customer) or a staff user, as carried by the session token.
import type { JWT } from "next-auth/jwt";
import { db } from "@/lib/db/client";

export type StaffRole = "owner" | "marketer" | "support" | "analyst" | "partner_manager";

export interface Principal {
  kind: "customer" | "staff";
  id: string;
  programId: string;
  /** Staff only. */
  role?: StaffRole | null;
  /** Partner managers only: the partner whose data they may see. */
  partnerId?: string | null;
  /** Bumped by "sign out everywhere", blocking or a password change: older tokens die. */
  sessionVersion?: number;
}

/** Staff sessions end after 12 hours even when used (customer sessions follow maxAge). */
const STAFF_MAX_AGE_MS = 12 * 3600_000;

/**
 * Re-checks a session token against the database on use: a blocked or deleted principal, a
 * bumped sessionVersion or an old staff session ends the session. Returns null to end it.
 */
export async function refreshToken(token: JWT): Promise<JWT | null> {
  if (!token.sub || token.expired) return null;
  const version = typeof token.sessionVersion === "number" ? token.sessionVersion : 0;
  if (token.kind === "customer") {
    const c = await db().customer.findUnique({ where: { id: token.sub }, select: { status: true, sessionVersion: true } });
    if (!c || c.status !== "active" || c.sessionVersion !== version) return null;
    return token;
  }
  if (token.kind === "staff") {
    const issued = typeof token.iat === "number" ? token.iat * 1000 : 0;
    if (!issued || Date.now() - issued > STAFF_MAX_AGE_MS) return null;
    const s = await db().staffUser.findUnique({ where: { id: token.sub }, select: { active: true, sessionVersion: true, role: true, partnerId: true } });
    if (!s || !s.active || s.sessionVersion !== version) return null;
    // A role change applies at once.
    return { ...token, role: s.role, partnerId: s.partnerId };
  }
  return null;
}
