// Triggered messages: each kind switched on and worded per program (MessageTrigger rows). Welcome
// and status changes are queued inside the transaction that caused them (a rolled-back receipt
// queues nothing); birthday, expiring points and lapsed members come from the daily job
// (triggers-job.ts). Dedupe keys make every one of them at most once.
import type { Sql } from "@/lib/db/sql";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { localized, type LocalizedText } from "@/lib/i18n/localized";
import type { ProgramDefinition } from "@/lib/program/definition";
import { tierRank } from "@/lib/tiers/evaluate-status";
import { enqueueMessage } from "./queue";
import { DEFAULT_SETTINGS, DEFAULT_TEXTS, fillPlaceholders, TRIGGER_CATEGORY, type TriggerKind, type TriggerSettings } from "./trigger-kinds";

export interface TriggerRow {
  kind: TriggerKind;
  enabled: boolean;
  channel: "email" | "sms";
  subject: Partial<Record<Locale, string>>;
  body: Partial<Record<Locale, string>>;
  settings: TriggerSettings;
}

/** The program's switched-on trigger of `kind`, or null. */
export async function enabledTrigger(sql: Sql, programId: string, kind: TriggerKind): Promise<TriggerRow | null> {
  const rows = await sql.$queryRaw<TriggerRow[]>`
    SELECT kind, enabled, channel::text AS channel, subject, body, settings
    FROM "MessageTrigger" WHERE "programId" = ${programId} AND kind = ${kind} AND enabled`;
  const row = rows[0];
  return row ? { ...row, settings: { ...DEFAULT_SETTINGS[kind], ...row.settings } } : null;
}

interface Who {
  firstName: string | null;
  locale: string | null;
  programName: string;
  programLocale: string | null;
}

/** The member's language, else the program's; the trigger's text in it, else the default. */
function texts(trigger: TriggerRow, locale: Locale) {
  const pick = (own: Partial<Record<Locale, string>>, fallback: Record<Locale, string>) => own[locale]?.trim() || fallback[locale];
  return { subject: pick(trigger.subject, DEFAULT_TEXTS[trigger.kind].subject), body: pick(trigger.body, DEFAULT_TEXTS[trigger.kind].body) };
}

export interface FireInput {
  programId: string;
  customerId: string;
  kind: TriggerKind;
  /** Unique per program: the same event never queues twice. */
  dedupeKey: string;
  /** Placeholder values; texts given per language are read in the member's. */
  vars?: Record<string, string | number | LocalizedText | null>;
  code?: string | null;
  notBefore?: Date;
  /** The trigger already read (the daily job reads it once per program). */
  trigger?: TriggerRow | null;
}

/** Queues the member's message of a switched-on trigger in the caller's transaction; null when off or already queued. */
export async function fireTrigger(sql: Sql, input: FireInput): Promise<{ id: string } | null> {
  const trigger = input.trigger === undefined ? await enabledTrigger(sql, input.programId, input.kind) : input.trigger;
  if (!trigger) return null;
  const [who] = await sql.$queryRaw<Who[]>`
    SELECT c."firstName", c.locale, p.name AS "programName", p."defaultLocale" AS "programLocale"
    FROM "Customer" c JOIN "Program" p ON p.id = c."programId" WHERE c.id = ${input.customerId} AND c."programId" = ${input.programId}`;
  if (!who) return null;
  const locale: Locale = isLocale(who.locale) ? who.locale : isLocale(who.programLocale) ? who.programLocale : "ru";
  const vars: Record<string, string | number | null> = { name: who.firstName ?? (locale === "ru" ? "Друг" : "Friend"), program: who.programName };
  for (const [k, v] of Object.entries(input.vars ?? {})) vars[k] = v === null || typeof v === "number" ? v : localized(v, locale, isLocale(who.programLocale) ? who.programLocale : null);
  const t = texts(trigger, locale);
  return enqueueMessage(sql, {
    programId: input.programId,
    customerId: input.customerId,
    channel: trigger.channel,
    category: TRIGGER_CATEGORY[input.kind],
    template: "triggered",
    data: { kind: input.kind, subject: fillPlaceholders(t.subject, vars), body: fillPlaceholders(t.body, vars), code: input.code ?? null, ctaPath: "/cabinet" },
    locale,
    dedupeKey: input.dedupeKey,
    notBefore: input.notBefore,
  });
}

/** The status changes just written (lib/tiers/tier-rows.ts): tier_up / tier_down messages in the same transaction. */
export async function fireTierChanges(
  sql: Sql,
  def: ProgramDefinition,
  changes: { id: string; programId: string; customerId: string; fromTier: string | null; toTier: string; at: Date }[],
): Promise<number> {
  if (changes.length === 0) return 0;
  const programId = changes[0].programId;
  const up = await enabledTrigger(sql, programId, "tier_up");
  const down = await enabledTrigger(sql, programId, "tier_down");
  if (!up && !down) return 0;
  const name = (code: string | null) => (code ? (def.tiers.find((t) => t.code === code)?.name ?? code) : "—");
  let queued = 0;
  for (const c of changes) {
    const rising = tierRank(def, c.toTier) > tierRank(def, c.fromTier);
    const trigger = rising ? up : down;
    if (!trigger) continue;
    const done = await fireTrigger(sql, {
      programId: c.programId,
      customerId: c.customerId,
      kind: rising ? "tier_up" : "tier_down",
      dedupeKey: `tier:${c.id}`,
      vars: { tier: name(c.toTier), previousTier: name(c.fromTier) },
      trigger,
    });
    if (done) queued += 1;
  }
  return queued;
}
