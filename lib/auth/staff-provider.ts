// Staff sign-in (console and partner portal): email + password (argon2id), locked for 15
// minutes after 5 wrong passwords in a row. Every outcome is written to the audit log.
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { checkStaffPassword } from "./staff-password";
import type { Principal } from "./principal";

const input = z.object({ email: z.string().trim().toLowerCase().email().max(254), password: z.string().min(1).max(200) });

export const staffProvider = CredentialsProvider({
  id: "staff-password",
  name: "Staff",
  credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
  async authorize(credentials): Promise<(Principal & { name: string; email: string }) | null> {
    const parsed = input.safeParse(credentials ?? {});
    if (!parsed.success) return null;
    const outcome = await checkStaffPassword(db(), parsed.data.email, parsed.data.password);
    // next-auth v4 hands a thrown message to the client as `error`: the page explains the lockout.
    if (!outcome.ok) {
      if (outcome.reason === "locked") throw new Error("AccountLocked");
      return null;
    }
    const user = outcome.user;
    return { kind: "staff", id: user.id, programId: user.programId, role: user.role, partnerId: user.partnerId, sessionVersion: user.sessionVersion, name: user.name, email: user.email };
  },
});
