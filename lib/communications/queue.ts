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

export interface EnqueueBatchInput {
  programId: string;
  channel: MessageChannelKind;
  category: MessageCategory;
  template: string;
  campaignId?: string | null;
  holdoutPercent?: number | null;
  notBefore?: Date;
  /** The members, each with its dedupe key (unique per program: a member already queued is skipped). */
  members: readonly { customerId: string; dedupeKey: string }[];
  /** One member's data in the member's language (the customer's, else the program's). */
  data(member: { customerId: string; firstName: string | null }, locale: Locale): Record<string, unknown>;
}

export interface EnqueueBatchResult {
  /** Ids of the messages queued now. */
  queued: string[];
  /** Members without an address on the channel (nothing queued). */
  noAddress: string[];
  /** Members whose dedupe key was already used (queued before). */
  duplicate: number;
}

/**
 * Queues one message to each of many members of a program in the caller's transaction — two
 * statements for the whole batch (the campaigns' path; same rows and rules as enqueueMessage).
 */
export async function enqueueBatch(sql: Sql, input: EnqueueBatchInput): Promise<EnqueueBatchResult> {
  if (!hasTemplate(input.template)) throw new Error(`enqueueBatch: unknown template "${input.template}"`);
  if (input.holdoutPercent != null && !(input.holdoutPercent >= 0 && input.holdoutPercent <= 100)) throw new Error("enqueueBatch: holdoutPercent must be 0–100");
  if (input.members.length === 0) return { queued: [], noAddress: [], duplicate: 0 };
  const ids = input.members.map((m) => m.customerId);
  const found = await sql.$queryRaw<(Recipient & { id: string; firstName: string | null })[]>`
    SELECT c.id, c."firstName", c.email, c.phone, c.locale, p."defaultLocale" AS "programLocale"
    FROM "Customer" c JOIN "Program" p ON p.id = c."programId"
    WHERE c.id = ANY(${ids}::text[]) AND c."programId" = ${input.programId}`;
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows: { id: string; customerId: string; to: string; locale: Locale; data: string; key: string }[] = [];
  const noAddress: string[] = [];
  for (const m of input.members) {
    const who = byId.get(m.customerId);
    if (!who) throw new Error(`enqueueBatch: customer ${m.customerId} is not in program ${input.programId}`);
    const address = input.channel === "email" ? who.email : who.phone;
    if (!address) {
      noAddress.push(m.customerId);
      continue;
    }
    const locale: Locale = isLocale(who.locale) ? who.locale : isLocale(who.programLocale) ? who.programLocale : "ru";
    const to = input.channel === "email" ? address.trim().toLowerCase() : address.trim();
    rows.push({ id: createId("msg"), customerId: m.customerId, to, locale, data: JSON.stringify(input.data({ customerId: m.customerId, firstName: who.firstName }, locale)), key: m.dedupeKey });
  }
  if (rows.length === 0) return { queued: [], noAddress, duplicate: 0 };
  const inserted = await sql.$queryRaw<{ id: string }[]>`
    INSERT INTO "Message" (id, "programId", "customerId", channel, "to", category, template, data, locale,
                           "campaignId", "holdoutPercent", "dedupeKey", "notBefore", "updatedAt")
    SELECT r.id, ${input.programId}, r.cid, ${input.channel}::"MessageChannel", r.addr, ${input.category}::"MessageCategory",
           ${input.template}, r.data::jsonb, r.locale, ${input.campaignId ?? null}, ${input.holdoutPercent ?? null}, r.key,
           ${input.notBefore ?? now()}, now()
    FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.customerId)}::text[], ${rows.map((r) => r.to)}::text[],
                ${rows.map((r) => r.data)}::text[], ${rows.map((r) => r.locale)}::text[], ${rows.map((r) => r.key)}::text[])
         AS r(id, cid, addr, data, locale, key)
    ON CONFLICT ("programId", "dedupeKey") DO NOTHING
    RETURNING id`;
  return { queued: inserted.map((r) => r.id), noAddress, duplicate: rows.length - inserted.length };
}
