// Fan sign-in providers. Phone + SMS code: the code was sent by the cabinet's sign-in page
// (lib/messaging/one-time-codes.ts, purpose "sign_in"); a right code proves the phone.
// (The cabinet issue extends this file with the email magic link and online sign-up.)
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { verifyCode } from "@/lib/messaging/one-time-codes";
import { currentProgram } from "@/lib/program/current";
import type { Principal } from "./principal";

const phoneInput = z.object({ phone: z.string().trim().regex(/^\+[1-9]\d{7,14}$/), code: z.string().trim().regex(/^\d{6}$/) });

const phoneCode = CredentialsProvider({
  id: "phone-code",
  name: "Phone",
  credentials: { phone: { label: "Phone", type: "tel" }, code: { label: "Code", type: "text" } },
  async authorize(credentials): Promise<Principal | null> {
    const parsed = phoneInput.safeParse(credentials ?? {});
    if (!parsed.success) return null;
    const program = await currentProgram(db());
    if (!program) return null;
    try {
      await verifyCode(db(), { purpose: "sign_in", target: parsed.data.phone, code: parsed.data.code });
    } catch {
      return null;
    }
    const customer = await db().customer.findUnique({ where: { programId_phone: { programId: program.id, phone: parsed.data.phone } } });
    if (!customer || customer.status !== "active") return null;
    if (!customer.phoneVerifiedAt) await db().customer.update({ where: { id: customer.id }, data: { phoneVerifiedAt: new Date() } });
    return { kind: "customer", id: customer.id, programId: customer.programId, sessionVersion: customer.sessionVersion };
  },
});

export const customerProviders = [phoneCode];
