// Fan sign-in providers (next-auth credentials, no adapter):
// - "phone-code": phone + SMS code sent by the cabinet's sign-in page (lib/customers/sign-in.ts,
//   code purpose "sign_in"). A right code proves the phone; a phone the program does not know
//   signs up online at that moment (channel web, accounts, virtual card).
// - "email-link": the single-use token of a magic link (lib/customers/email-link.ts), stored
//   hashed; only a verified email of an active customer gets one.
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { currentProgram } from "@/lib/program/current";
import { signInWithPhoneCode } from "@/lib/customers/sign-in";
import { consumeEmailSignInToken } from "@/lib/customers/email-link";
import { AppError } from "@/lib/errors";
import type { Principal } from "./principal";

const phoneInput = z.object({
  phone: z
    .string()
    .trim()
    .regex(/^\+[1-9]\d{7,14}$/),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
  locale: z.enum(["ru", "en"]).optional(),
});
const linkInput = z.object({ token: z.string().trim().min(20).max(100) });

/** next-auth v4 passes a thrown Error's message to the client as `error`: the page maps the code to a text. */
function rethrowCode(e: unknown): never {
  if (e instanceof AppError) throw new Error(e.code);
  throw e;
}

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
      const { customer } = await signInWithPhoneCode(db(), { programId: program.id, phone: parsed.data.phone, code: parsed.data.code, locale: parsed.data.locale });
      return { kind: "customer", id: customer.id, programId: customer.programId, sessionVersion: customer.sessionVersion };
    } catch (e) {
      rethrowCode(e);
    }
  },
});

const emailLink = CredentialsProvider({
  id: "email-link",
  name: "Email link",
  credentials: { token: { label: "Token", type: "text" } },
  async authorize(credentials): Promise<Principal | null> {
    const parsed = linkInput.safeParse(credentials ?? {});
    if (!parsed.success) return null;
    try {
      const customer = await consumeEmailSignInToken(db(), parsed.data.token);
      return { kind: "customer", id: customer.id, programId: customer.programId, sessionVersion: customer.sessionVersion };
    } catch (e) {
      rethrowCode(e);
    }
  },
});

export const customerProviders = [phoneCode, emailLink];
