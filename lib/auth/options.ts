// One next-auth (v4) configuration for every sign-in of the product: fans (phone + SMS code,
// email magic link) and staff (email + password). Sessions are signed JWT cookies; the token
// says which kind of principal it is, and lib/auth/session.ts turns it into a checked user.
// The providers live beside this file: customer-providers.ts (cabinet) and staff-provider.ts
// (console and partner portal).
import type { NextAuthOptions } from "next-auth";
import { env } from "@/lib/env";
import { customerProviders } from "./customer-providers";
import { staffProvider } from "./staff-provider";
import { refreshToken, type Principal } from "./principal";

/** Session lifetime: 30 days for fans (phones), refreshed on use; staff sessions are shorter (see principal.ts). */
const MAX_AGE_S = 30 * 24 * 3600;

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

export const authOptions: NextAuthOptions = {
  // A getter: read on the first request, not at import (the build has no AUTH_SECRET).
  get secret() {
    return authSecret();
  },
  session: { strategy: "jwt", maxAge: MAX_AGE_S, updateAge: 24 * 3600 },
  providers: [...customerProviders, staffProvider],
  pages: { signIn: "/cabinet/sign-in", error: "/cabinet/sign-in" },
  callbacks: {
    async jwt({ token, user }) {
      // On sign-in `user` is what a provider's authorize() returned: a Principal.
      if (user) {
        const p = user as unknown as Principal;
        token.sub = p.id;
        token.kind = p.kind;
        token.programId = p.programId;
        token.role = p.role ?? null;
        token.partnerId = p.partnerId ?? null;
        token.sessionVersion = p.sessionVersion ?? 0;
        return token;
      }
      // Later requests: drop the token when the principal was blocked or signed out everywhere.
      return (await refreshToken(token)) ?? { expired: true };
    },
    async session({ session, token }) {
      if (token.expired || !token.sub) return { ...session, user: undefined, principal: null };
      return {
        ...session,
        principal: {
          id: token.sub,
          kind: token.kind,
          programId: token.programId,
          role: token.role ?? null,
          partnerId: token.partnerId ?? null,
        },
      };
    },
  },
};
