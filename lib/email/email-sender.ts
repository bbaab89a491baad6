// EmailSender: Resend when RESEND_API_KEY is set; otherwise, when MESSAGES_TO_OUTBOX allows it, the
// development driver writes every email to the outbox table (OutboxMessage, channel "email") and the
// log, like lib/messaging/sms-sender.ts; else a send fails loudly.
import { Resend } from "resend";
import type { Db } from "@/lib/db/client";
import { env, messagesToOutbox } from "@/lib/env";
import { createId } from "@/lib/ids";
import { outboxText } from "@/lib/messaging/outbox";

export interface EmailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  programId?: string | null;
  template?: string;
  /** Link tokens and voucher codes in the message: replaced by ••• in the outbox and the log in production. */
  secrets?: string[];
  /** Extra headers (List-Unsubscribe of marketing and survey emails), kept in the outbox too. */
  headers?: Record<string, string>;
}

export interface EmailSender {
  readonly name: string;
  /** `id`: the outbox row; `providerId`: the provider's id of the email (webhooks name it). */
  send(db: Db, msg: EmailMessage): Promise<{ id: string; providerId?: string }>;
}

const outboxHeaders = (headers: Record<string, string>, secrets: string[] | undefined) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, outboxText(v, secrets)]));

async function record(db: Db, msg: EmailMessage, status: "logged" | "sent" | "failed", extra: { provider?: string; providerId?: string; error?: string } = {}) {
  const id = createId("eml");
  await db.outboxMessage.create({
    data: {
      id,
      programId: msg.programId ?? null,
      channel: "email",
      to: msg.to,
      subject: msg.subject,
      body: outboxText(msg.text, msg.secrets),
      html: outboxText(msg.html, msg.secrets),
      template: msg.template,
      headers: msg.headers ? outboxHeaders(msg.headers, msg.secrets) : undefined,
      status,
      sentAt: status === "sent" ? new Date() : null,
      ...extra,
    },
  });
  return id;
}

export const devEmailSender: EmailSender = {
  name: "dev",
  async send(db, msg) {
    const id = await record(db, msg, "logged");
    console.log(`[email → ${msg.to}] ${msg.subject}\n${outboxText(msg.text, msg.secrets)}`);
    return { id };
  },
};

export function resendEmailSender(apiKey: string, from: string): EmailSender {
  const client = new Resend(apiKey);
  return {
    name: "resend",
    async send(db, msg) {
      const { data, error } = await client.emails.send({ from, to: msg.to, subject: msg.subject, html: msg.html, text: msg.text, headers: msg.headers });
      if (error || !data) {
        await record(db, msg, "failed", { provider: "resend", error: error?.message ?? "no answer" });
        throw new Error(`Resend refused the email: ${error?.message ?? "no answer"}`);
      }
      return { id: await record(db, msg, "sent", { provider: "resend", providerId: data.id }), providerId: data.id };
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
  // MESSAGES_TO_OUTBOX=1 set explicitly (the demo, the test runners): no provider is ever called (CONTRACTS.md).
  if (e.MESSAGES_TO_OUTBOX === "1") return devEmailSender;
  if (e.RESEND_API_KEY) return resendEmailSender(e.RESEND_API_KEY, e.EMAIL_FROM);
  if (messagesToOutbox(e)) return devEmailSender;
  throw new Error("No email provider is configured (RESEND_API_KEY) and MESSAGES_TO_OUTBOX is not 1: the email cannot be sent");
}
