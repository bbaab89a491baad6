// EmailSender: Resend when RESEND_API_KEY is set; otherwise the development driver writes every
// email to the outbox table (OutboxMessage, channel "email") and the log, like lib/messaging/sms-sender.ts.
import { Resend } from "resend";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createId } from "@/lib/ids";

export interface EmailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  programId?: string | null;
  template?: string;
}

export interface EmailSender {
  readonly name: string;
  send(db: Db, msg: EmailMessage): Promise<{ id: string }>;
}

async function record(db: Db, msg: EmailMessage, status: "logged" | "sent" | "failed", extra: { provider?: string; providerId?: string; error?: string } = {}) {
  const id = createId("eml");
  await db.outboxMessage.create({
    data: {
      id, programId: msg.programId ?? null, channel: "email", to: msg.to, subject: msg.subject, body: msg.text, html: msg.html,
      template: msg.template, status, sentAt: status === "sent" ? new Date() : null, ...extra,
    },
  });
  return id;
}

export const devEmailSender: EmailSender = {
  name: "dev",
  async send(db, msg) {
    const id = await record(db, msg, "logged");
    console.log(`[email → ${msg.to}] ${msg.subject}\n${msg.text}`);
    return { id };
  },
};

export function resendEmailSender(apiKey: string, from: string): EmailSender {
  const client = new Resend(apiKey);
  return {
    name: "resend",
    async send(db, msg) {
      const { data, error } = await client.emails.send({ from, to: msg.to, subject: msg.subject, html: msg.html, text: msg.text });
      if (error || !data) {
        await record(db, msg, "failed", { provider: "resend", error: error?.message ?? "no answer" });
        throw new Error(`Resend refused the email: ${error?.message ?? "no answer"}`);
      }
      return { id: await record(db, msg, "sent", { provider: "resend", providerId: data.id }) };
    },
  };
}

let override: EmailSender | null = null;

/** Tests replace the sender (e.g. to simulate a failing provider); null restores the default. */
export function setEmailSenderForTests(sender: EmailSender | null) {
  override = sender;
}

export function emailSender(): EmailSender {
  if (override) return override;
  const e = env();
  return e.RESEND_API_KEY ? resendEmailSender(e.RESEND_API_KEY, e.EMAIL_FROM) : devEmailSender;
}
