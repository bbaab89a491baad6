// SmsSender: the development driver writes every SMS to the outbox table and the log; the HTTP
// driver posts to a real provider configured by SMS_PROVIDER_URL / SMS_PROVIDER_TOKEN / SMS_SENDER.
// Without a provider the development driver is used only when MESSAGES_TO_OUTBOX allows it
// (default outside production); otherwise a send fails loudly. The outbox keeps codes only
// when OUTBOX_FULL_BODIES allows it (lib/messaging/outbox.ts).
import type { Db } from "@/lib/db/client";
import { env, messagesToOutbox } from "@/lib/env";
import { createId } from "@/lib/ids";
import { outboxText } from "./outbox";

export interface SmsMessage {
  to: string;
  text: string;
  programId?: string | null;
  template?: string;
  /** The code(s) in the text: replaced by ••• in the outbox and the log in production. */
  secrets?: string[];
}

export interface SmsSender {
  readonly name: string;
  /** `id`: the outbox row; `providerId`: the provider's id of the SMS when it answers one. */
  send(db: Db, msg: SmsMessage): Promise<{ id: string; providerId?: string }>;
}

async function record(db: Db, msg: SmsMessage, status: "logged" | "sent" | "failed", extra: { provider?: string; providerId?: string; error?: string } = {}) {
  const id = createId("sms");
  await db.outboxMessage.create({
    data: {
      id,
      programId: msg.programId ?? null,
      channel: "sms",
      to: msg.to,
      body: outboxText(msg.text, msg.secrets),
      template: msg.template,
      status,
      sentAt: status === "sent" ? new Date() : null,
      ...extra,
    },
  });
  return id;
}

export const devSmsSender: SmsSender = {
  name: "dev",
  async send(db, msg) {
    const id = await record(db, msg, "logged");
    console.log(`[sms → ${msg.to}] ${outboxText(msg.text, msg.secrets)}`);
    return { id };
  },
};

export function httpSmsSender(url: string, token: string | undefined, sender: string): SmsSender {
  return {
    name: "http",
    async send(db, msg) {
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ to: msg.to, from: sender, text: msg.text }),
          signal: AbortSignal.timeout(5000),
        });
        const body = await res.text();
        if (!res.ok) throw new Error(`provider answered ${res.status}: ${body.slice(0, 200)}`);
        let providerId: string | undefined;
        try {
          providerId = String((JSON.parse(body) as { id?: unknown }).id ?? "") || undefined;
        } catch {
          providerId = undefined;
        }
        return { id: await record(db, msg, "sent", { provider: "http", providerId }), providerId };
      } catch (e) {
        await record(db, msg, "failed", { provider: "http", error: (e as Error).message });
        throw e;
      }
    },
  };
}

export function smsSender(): SmsSender {
  const e = env();
  // MESSAGES_TO_OUTBOX=1 set explicitly (the demo, the test runners): no provider is ever called (CONTRACTS.md).
  if (e.MESSAGES_TO_OUTBOX === "1") return devSmsSender;
  if (e.SMS_PROVIDER_URL) return httpSmsSender(e.SMS_PROVIDER_URL, e.SMS_PROVIDER_TOKEN, e.SMS_SENDER);
  if (messagesToOutbox(e)) return devSmsSender;
  throw new Error("No SMS provider is configured (SMS_PROVIDER_URL) and MESSAGES_TO_OUTBOX is not 1: the SMS cannot be sent");
}
