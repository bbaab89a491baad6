// The message queue: one row of Message per message, written in the caller's transaction (a
// Prisma transaction client or the processing API's raw Sql), so a message exists only if what
// caused it committed. Delivery and every gate are the `deliver-messages` job's (deliver.ts).
import { now } from "@/lib/clock";
import type { Sql } from "@/lib/db/sql";
import { createId } from "@/lib/ids";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { hasTemplate } from "./templates";

export type MessageCategory = "transactional" | "marketing" | "survey";
export type MessageChannelKind = "email" | "sms";

export interface EnqueueInput {
  programId: string;
  customerId?: string | null;
  channel: MessageChannelKind;
  /** Default: the customer's email or phone (a customer without one gets nothing: null). */
  to?: string;
  category: MessageCategory;
  /** Key of a template in lib/communications/templates. */
  template: string;
  data: Record<string, unknown>;
  /** Default: the customer's language, else the program's. */
  locale?: Locale;
  campaignId?: string | null;
  /** Percent of the campaign's members held out (0–100), evaluated at delivery. */
  holdoutPercent?: number | null;
  /** Unique per program: a second enqueue with the same key is a no-op (null is returned). */
  dedupeKey?: string | null;
  /** Default: now (lib/clock). */
  notBefore?: Date;
}

interface Recipient {
  email: string | null;
  phone: string | null;
  locale: string | null;
  programLocale: string | null;
}

async function recipient(sql: Sql, programId: string, customerId: string | null | undefined): Promise<Recipient> {
  if (customerId) {
    const rows = await sql.$queryRaw<Recipient[]>`
      SELECT c.email, c.phone, c.locale, p."defaultLocale" AS "programLocale"
      FROM "Customer" c JOIN "Program" p ON p.id = c."programId"
      WHERE c.id = ${customerId} AND c."programId" = ${programId}`;
    if (!rows[0]) throw new Error(`enqueueMessage: customer ${customerId} is not in program ${programId}`);
    return rows[0];
  }
  const rows = await sql.$queryRaw<{ programLocale: string | null }[]>`SELECT "defaultLocale" AS "programLocale" FROM "Program" WHERE id = ${programId}`;
  if (!rows[0]) throw new Error(`enqueueMessage: no program ${programId}`);
  return { email: null, phone: null, locale: null, programLocale: rows[0].programLocale };
}

/**
 * Queues one message in the caller's transaction. Returns its id, or null when nothing was queued:
 * the dedupe key was already used in this program, or the member has no address on the channel.
 */
export async function enqueueMessage(sql: Sql, input: EnqueueInput): Promise<{ id: string } | null> {
  if (!hasTemplate(input.template)) throw new Error(`enqueueMessage: unknown template "${input.template}"`);
  if (input.holdoutPercent != null && !(input.holdoutPercent >= 0 && input.holdoutPercent <= 100)) throw new Error("enqueueMessage: holdoutPercent must be 0–100");
  const who = await recipient(sql, input.programId, input.customerId);
  const address = input.to ?? (input.channel === "email" ? who.email : who.phone);
  if (!address) return null;
  const to = input.channel === "email" ? address.trim().toLowerCase() : address.trim();
  const locale: Locale = input.locale ?? (isLocale(who.locale) ? who.locale : isLocale(who.programLocale) ? who.programLocale : "ru");
  const id = createId("msg");
  const rows = await sql.$queryRaw<{ id: string }[]>`
    INSERT INTO "Message" (id, "programId", "customerId", channel, "to", category, template, data, locale,
                           "campaignId", "holdoutPercent", "dedupeKey", "notBefore", "updatedAt")
    VALUES (${id}, ${input.programId}, ${input.customerId ?? null}, ${input.channel}::"MessageChannel", ${to},
            ${input.category}::"MessageCategory", ${input.template}, ${JSON.stringify(input.data)}::jsonb, ${locale},
            ${input.campaignId ?? null}, ${input.holdoutPercent ?? null}, ${input.dedupeKey ?? null},
            ${input.notBefore ?? now()}, now())
    ON CONFLICT ("programId", "dedupeKey") DO NOTHING
    RETURNING id`;
  return rows[0] ?? null;
}
