// Who is signed in: a fan (customer) or a staff user, as carried by the session token.
import type { JWT } from "next-auth/jwt";
import { db } from "@/lib/db/client";
import { liveStaffSession } from "./staff-session";
import type { StaffRole } from "./roles";

export type { StaffRole };

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

/**
 * Re-checks a session token against the database on every use: a blocked or deleted principal,
 * a bumped sessionVersion, a token of the other audience, or (staff) a revoked or expired
 * server-side session ends the session. Returns null to end it.
 */
export async function refreshToken(token: JWT, audience: "cabinet" | "staff", now = new Date()): Promise<JWT | null> {
  if (!token.sub || token.expired) return null;
  const version = typeof token.sessionVersion === "number" ? token.sessionVersion : 0;
  if (audience === "cabinet" && token.kind === "customer") {
    const c = await db().customer.findUnique({ where: { id: token.sub }, select: { status: true, sessionVersion: true } });
    if (!c || c.status !== "active" || c.sessionVersion !== version) return null;
    return token;
  }
  if (audience === "staff" && token.kind === "staff") {
    if (typeof token.sid !== "string" || typeof token.expiresAt !== "number") return null;
    const s = await liveStaffSession(db(), { sessionId: token.sid, staffUserId: token.sub, expiresAt: token.expiresAt, sessionVersion: version }, now);
    if (!s) return null;
    // A role change applies at once.
    return { ...token, role: s.role, partnerId: s.partnerId };
  }
  return null;
}
