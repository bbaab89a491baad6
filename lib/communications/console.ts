// The console's side of communications: the message log with filters and its counts, and the
// triggered messages of a program (defaults for kinds never saved), saved with an audit entry.
import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/i18n/locales";
import { appUrl } from "@/lib/env";
import { templateOf } from "./templates";
import { DEFAULT_SETTINGS, DEFAULT_TEXTS, fillPlaceholders, TRIGGER_CATEGORY, TRIGGER_KINDS, type TriggerKind, type TriggerSettings } from "./trigger-kinds";
import type { QueuedStatus } from "./status";

export const MESSAGE_STATUSES: QueuedStatus[] = ["queued", "sending", "sent", "delivered", "opened", "clicked", "bounced", "complained", "failed", "suppressed"];

export interface MessageFilters {
  status?: QueuedStatus;
  channel?: "email" | "sms";
  kind?: string;
  /** Address (email or phone), exact or a prefix. */
  q?: string;
  customerId?: string;
}

function where(programId: string, f: MessageFilters): Prisma.MessageWhereInput {
  return {
    programId,
    ...(f.status ? { status: f.status } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.kind ? { OR: [{ template: f.kind }, { data: { path: ["kind"], equals: f.kind } }] } : {}),
    ...(f.q ? { to: { startsWith: f.q.trim().toLowerCase() } } : {}),
    ...(f.customerId ? { customerId: f.customerId } : {}),
  };
}

/** The columns of a message a console list shows (the log, Customer 360). */
export const MESSAGE_ROW = {
  id: true,
  customerId: true,
  channel: true,
  to: true,
  category: true,
  template: true,
  data: true,
  status: true,
  gate: true,
  reason: true,
  attempts: true,
  subject: true,
  createdAt: true,
  sentAt: true,
  notBefore: true,
} as const satisfies Prisma.MessageSelect;

export async function listMessages(db: Db, programId: string, f: MessageFilters, page: { limit: number; offset: number }) {
  const w = where(programId, f);
  const [rows, total] = await Promise.all([
    db.message.findMany({
      where: w,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: page.limit,
      skip: page.offset,
      select: MESSAGE_ROW,
    }),
    db.message.count({ where: w }),
  ]);
  return {
    total,
    rows: rows.map((r) => {
      const d = (r.data ?? {}) as { kind?: string; subject?: string };
      return { ...r, kind: d.kind ?? r.template, title: r.subject ?? d.subject ?? null };
    }),
  };
}

/** Messages created since `since` by status (the funnel above the log). */
export async function messageCounts(db: Db, programId: string, since: Date): Promise<Record<QueuedStatus, number> & { total: number }> {
  const rows = await db.message.groupBy({ by: ["status"], where: { programId, createdAt: { gte: since } }, _count: { _all: true } });
  const out = Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, 0])) as Record<QueuedStatus, number>;
  for (const r of rows) out[r.status] = r._count._all;
  return { ...out, total: rows.reduce((s, r) => s + r._count._all, 0) };
}

export interface TriggerView {
  kind: TriggerKind;
  enabled: boolean;
  channel: "email" | "sms";
  subject: Record<Locale, string>;
  body: Record<Locale, string>;
  settings: TriggerSettings;
  updatedAt: Date | null;
  /** Messages of this kind in the last 30 days. */
  sent30d: number;
}

export async function listTriggers(db: Db, programId: string, now: Date): Promise<TriggerView[]> {
  const rows = await db.messageTrigger.findMany({ where: { programId } });
  const counts = await db.$queryRaw<{ kind: string; n: number }[]>`
    SELECT data->>'kind' AS kind, count(*)::int AS n FROM "Message"
    WHERE "programId" = ${programId} AND "createdAt" >= ${new Date(now.getTime() - 30 * 86_400_000)} AND data ? 'kind'
      AND status NOT IN ('suppressed', 'failed')
    GROUP BY 1`;
  return TRIGGER_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    const own = (v: unknown) => (v && typeof v === "object" ? (v as Partial<Record<Locale, string>>) : {});
    const subject = own(row?.subject);
    const body = own(row?.body);
    return {
      kind,
      enabled: row?.enabled ?? false,
      channel: row?.channel === "sms" ? "sms" : "email",
      subject: { ru: subject.ru || DEFAULT_TEXTS[kind].subject.ru, en: subject.en || DEFAULT_TEXTS[kind].subject.en },
      body: { ru: body.ru || DEFAULT_TEXTS[kind].body.ru, en: body.en || DEFAULT_TEXTS[kind].body.en },
      settings: { ...DEFAULT_SETTINGS[kind], ...((row?.settings as TriggerSettings | null) ?? {}) },
      updatedAt: row?.updatedAt ?? null,
      sent30d: counts.find((c) => c.kind === kind)?.n ?? 0,
    };
  });
}

export interface TriggerInput {
  kind: TriggerKind;
  enabled: boolean;
  channel: "email" | "sms";
  subject: Record<Locale, string>;
  body: Record<Locale, string>;
  settings: TriggerSettings;
}

/** Saves a trigger (a birthday promotion must exist and give codes); audited. */
export async function saveTrigger(db: Db, programId: string, input: TriggerInput, actor: { staffId: string }) {
  if (input.kind === "birthday" && input.settings.promotion) {
    const p = await db.$queryRaw<{ trigger: string | null }[]>`
      SELECT v.definition->>'trigger' AS trigger FROM "Promotion" p JOIN "PromotionVersion" v ON v.id = p."currentVersionId"
      WHERE p."programId" = ${programId} AND p.code = ${input.settings.promotion}`;
    if (!p[0]) throw new AppError("invalid_request", "No such promotion", { details: [{ path: "promotion", message: "unknown_promotion" }] });
    if (p[0].trigger !== "code") throw new AppError("invalid_request", 'The promotion must have "trigger": "code"', { details: [{ path: "promotion", message: "not_code_promotion" }] });
  }
  const before = await db.messageTrigger.findUnique({ where: { programId_kind: { programId, kind: input.kind } } });
  const data = { enabled: input.enabled, channel: input.channel, subject: input.subject, body: input.body, settings: input.settings as Prisma.InputJsonValue, updatedBy: actor.staffId };
  await db.$transaction(async (tx) => {
    await tx.messageTrigger.upsert({ where: { programId_kind: { programId, kind: input.kind } }, create: { programId, kind: input.kind, ...data }, update: data });
    await writeAudit(tx, {
      programId,
      actor: { type: "staff", id: actor.staffId },
      action: "message_trigger.saved",
      entityType: "message_trigger",
      entityId: input.kind,
      before: before ? { enabled: before.enabled, channel: before.channel, subject: before.subject, body: before.body, settings: before.settings } : null,
      after: data,
    });
  });
}

/** Promotions that give codes ("trigger": "code"): what a birthday message may hand out. */
export async function codePromotions(db: Db, programId: string): Promise<{ code: string; name: unknown }[]> {
  return db.$queryRaw<{ code: string; name: unknown }[]>`
    SELECT p.code, v.definition->'name' AS name FROM "Promotion" p JOIN "PromotionVersion" v ON v.id = p."currentVersionId"
    WHERE p."programId" = ${programId} AND v.definition->>'trigger' = 'code' ORDER BY p.code`;
}

/** The email a trigger sends, rendered with sample values in `locale` (the console's preview). */
export async function previewTrigger(db: Db, programId: string, trigger: TriggerView, locale: Locale, sample: { tier: string; previousTier: string; date: string }) {
  const program = await db.program.findUniqueOrThrow({ where: { id: programId }, select: { id: true, name: true, brandColor: true } });
  const vars = { name: locale === "ru" ? "Анна" : "Anna", program: program.name, points: 350, days: trigger.settings.days ?? 60, code: "BDAY-7KQ2", ...sample };
  const promotional = TRIGGER_CATEGORY[trigger.kind] !== "transactional";
  return templateOf("triggered").email!({
    locale,
    program,
    data: {
      subject: fillPlaceholders(trigger.subject[locale], vars),
      body: fillPlaceholders(trigger.body[locale], vars),
      code: trigger.kind === "birthday" && trigger.settings.promotion ? vars.code : null,
      ctaPath: "/cabinet",
    },
    unsubscribeUrl: promotional ? appUrl("/unsubscribe/example") : null,
  });
}
