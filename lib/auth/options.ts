// Two next-auth (v4) configurations, one per audience, so signing in to one never signs the
// other out in the same browser:
// - cabinetAuthOptions (fans: phone + SMS code, email link) at /api/auth, cookie "tribune.fan-session";
// - staffAuthOptions (console and partner portal: email + password) at /api/staff-auth, cookie
//   "tribune.staff-session", backed by a server-side StaffSession record (lib/auth/staff-session.ts).
// Sessions are signed JWT cookies; lib/auth/session.ts turns them into checked principals.
import type { CookiesOptions, NextAuthOptions } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { env } from "@/lib/env";
import { db } from "@/lib/db/client";
import { customerProviders } from "./customer-providers";
import { staffProvider } from "./staff-provider";
import { refreshToken, type Principal } from "./principal";
import { openStaffSession, revokeStaffSession, STAFF_SESSION_MS } from "./staff-session";

export type Audience = "cabinet" | "staff";

/** Fans stay signed in for 30 days (phones), refreshed on use. */
const FAN_MAX_AGE_S = 30 * 24 * 3600;

/** Where each audience's next-auth routes live (app/api/auth and app/api/staff-auth). */
export const AUTH_BASE_PATH: Record<Audience, string> = { cabinet: "/api/auth", staff: "/api/staff-auth" };

function authSecret(): string {
  const secret = env().AUTH_SECRET;
  if (secret) return secret;
  if (env().NODE_ENV === "production") {
    throw new Error("AUTH_SECRET must be set in production (at least 16 characters).");
  }
  return "tribune-development-secret-not-for-production";
}

// next-auth v4 builds absolute URLs from NEXTAUTH_URL; without one, trust the Host header
// (the demo and the e2e server run on any port).
if (!process.env.NEXTAUTH_URL) {
  if (process.env.APP_URL) process.env.NEXTAUTH_URL = process.env.APP_URL;
  else process.env.AUTH_TRUST_HOST ??= "1";
}

function secureCookies(): boolean {
  return (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
}

/** The cookies of one audience: their own names, so the two sessions never overwrite each other. */
export function audienceCookies(audience: Audience): Pick<CookiesOptions, "sessionToken" | "callbackUrl" | "csrfToken"> {
  const secure = secureCookies();
  const prefix = secure ? "__Secure-" : "";
  const name = audience === "cabinet" ? "fan" : "staff";
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
  return {
    sessionToken: { name: `${prefix}tribune.${name}-session`, options },
    callbackUrl: { name: `${prefix}tribune.${name}-callback-url`, options },
    csrfToken: { name: `${secure ? "__Host-" : ""}tribune.${name}-csrf`, options },
  };
}

function copyPrincipal(token: JWT, p: Principal): JWT {
  token.sub = p.id;
  token.kind = p.kind;
  token.programId = p.programId;
  token.role = p.role ?? null;
  token.partnerId = p.partnerId ?? null;
  token.sessionVersion = p.sessionVersion ?? 0;
  return token;
}

const sessionCallback: NonNullable<NextAuthOptions["callbacks"]>["session"] = async ({ session, token }) => {
  if (token.expired || !token.sub) return { ...session, user: undefined, principal: null };
  return {
    ...session,
    principal: { id: token.sub, kind: token.kind, programId: token.programId, role: token.role ?? null, partnerId: token.partnerId ?? null },
  };
};

/**
 * The secret and the audience's cookies as getters: read on the first request, not at import
 * (the build has no AUTH_SECRET, and NEXTAUTH_URL decides whether cookies are secure).
 */
function forAudience(audience: Audience, options: NextAuthOptions): NextAuthOptions {
  return Object.defineProperties(options, {
    secret: { get: authSecret, enumerable: true },
    cookies: { get: () => audienceCookies(audience), enumerable: true },
    useSecureCookies: { get: secureCookies, enumerable: true },
  });
}

export const cabinetAuthOptions: NextAuthOptions = forAudience("cabinet", {
  session: { strategy: "jwt", maxAge: FAN_MAX_AGE_S, updateAge: 24 * 3600 },
  providers: customerProviders,
  pages: { signIn: "/cabinet/sign-in", error: "/cabinet/sign-in" },
  callbacks: {
    async jwt({ token, user }) {
      if (user) return copyPrincipal(token, user as unknown as Principal);
      // Later requests: drop the token when the fan was blocked or signed out everywhere.
      return (await refreshToken(token, "cabinet")) ?? { expired: true };
    },
    session: sessionCallback,
  },
});

export const staffAuthOptions: NextAuthOptions = forAudience("staff", {
  session: { strategy: "jwt", maxAge: STAFF_SESSION_MS / 1000, updateAge: 3600 },
  providers: [staffProvider],
  pages: { signIn: "/admin/sign-in", error: "/admin/sign-in" },
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        // A sign-in opens a server-side session; its id and absolute end travel in the token.
        const p = user as unknown as Principal;
        const s = await openStaffSession(db(), p);
        copyPrincipal(token, p);
        token.sid = s.id;
        token.expiresAt = s.expiresAt.getTime();
        return token;
      }
      return (await refreshToken(token, "staff")) ?? { expired: true };
    },
    session: sessionCallback,
  },
  events: {
    // Sign-out ends the session on the server: the cookie, if copied, is refused from now on.
    async signOut({ token }) {
      if (token && typeof token.sid === "string") await revokeStaffSession(db(), token.sid);
    },
  },
});

export function authOptionsFor(audience: Audience): NextAuthOptions {
  return audience === "cabinet" ? cabinetAuthOptions : staffAuthOptions;
}
