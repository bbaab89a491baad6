// The console's view of promotions: the status a marketer sees (the stored status read against the
// dates), the list with budgets and code counts, and a month calendar of running and planned ones.
import type { Db } from "@/lib/db/client";
import { definitionInForce } from "@/lib/program/in-force";
import { zonedParts, zonedTimeToInstant } from "@/lib/time";
import type { Locale } from "@/lib/i18n/locales";
import { segmentSlug } from "./audience";
import { promoText, type PromotionDefinition } from "./definition";
import { currentDefinitions } from "./store";

/** At most this many codes per click in the console (`npm run promotions:codes` takes more). */
export const CONSOLE_CODE_BATCH = 10_000;

/** What the console shows: `scheduled` is active but not started yet; `ended` includes active ones past `validity.to`. */
export const VIEW_STATUSES = ["active", "scheduled", "paused", "draft", "ended"] as const;
export type PromotionViewStatus = (typeof VIEW_STATUSES)[number];

export function viewStatus(def: Pick<PromotionDefinition, "status" | "validity">, now: Date): PromotionViewStatus {
  if (def.status === "draft") return "draft";
  const t = now.getTime();
  if (def.status === "ended" || (def.validity?.to && Date.parse(def.validity.to) <= t)) return "ended";
  if (def.status === "paused") return "paused";
  if (def.validity?.from && Date.parse(def.validity.from) > t) return "scheduled";
  return "active";
}

export interface PromotionRow {
  id: string;
  code: string;
  def: PromotionDefinition;
  version: number;
  status: PromotionViewStatus;
  from: Date | null;
  to: Date | null;
  /** Receipts that hold or used it. */
  uses: number;
  /** The budgets' counters (promotions with limits). */
  moneyUsed: number;
  pointsUsed: number;
  codes: { total: number; used: number };
  createdAt: Date;
  updatedAt: Date;
}

/** Every promotion of the program (newest changes first), optionally of one view status. */
export async function listPromotions(db: Db, programId: string, now: Date, filter: { status?: PromotionViewStatus } = {}): Promise<PromotionRow[]> {
  const [defs, counts, created, uses] = await Promise.all([
    currentDefinitions(db, programId),
    db.$queryRaw<{ promotionId: string; total: number; used: number }[]>`
      select c."promotionId", count(*)::int as total, count(*) filter (where c.uses > 0)::int as used
      from "PromoCode" c where c."programId" = ${programId} group by c."promotionId"`,
    db.promotion.findMany({ where: { programId }, select: { id: true, createdAt: true } }),
    // Uses from the receipts: the promotion's own counter moves only for promotions with limits.
    db.$queryRaw<{ promotionId: string; uses: number }[]>`
      select pp."promotionId", count(*)::int as uses from "PurchasePromotion" pp join "Promotion" p on p.id = pp."promotionId"
      where p."programId" = ${programId} and pp.status in ('held', 'committed') group by pp."promotionId"`,
  ]);
  const usesOf = new Map(uses.map((u) => [u.promotionId, u.uses]));
  const byPromotion = new Map(counts.map((c) => [c.promotionId, c]));
  const createdAt = new Map(created.map((c) => [c.id, c.createdAt]));
  return defs
    .map((p) => ({
      id: p.id,
      code: p.def.code,
      def: p.def,
      version: p.version,
      status: viewStatus(p.def, now),
      from: p.def.validity?.from ? new Date(p.def.validity.from) : null,
      to: p.def.validity?.to ? new Date(p.def.validity.to) : null,
      uses: usesOf.get(p.id) ?? 0,
      moneyUsed: p.moneyUsed,
      pointsUsed: p.pointsUsed,
      codes: { total: byPromotion.get(p.id)?.total ?? 0, used: byPromotion.get(p.id)?.used ?? 0 },
      createdAt: createdAt.get(p.id) ?? p.updatedAt,
      updatedAt: p.updatedAt,
    }))
    .filter((r) => !filter.status || r.status === filter.status)
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || a.code.localeCompare(b.code));
}

/** Share of a budget used, 0–100 (null without that budget). */
export function budgetShare(used: number, budget: number | undefined): number | null {
  if (budget === undefined) return null;
  if (budget <= 0) return 100;
  return Math.min(100, Math.round((used / budget) * 1000) / 10);
}

// ---- the month calendar -------------------------------------------------------------------
export interface CalendarMonth {
  year: number;
  /** 1–12. */
  month: number;
  days: number;
  /** 0 = Monday … 6 = Sunday, of day 1. */
  firstWeekday: number;
  /** Day of the month that is today in the program's zone (null when another month). */
  today: number | null;
  bars: CalendarBar[];
  prev: string;
  next: string;
}

export interface CalendarBar {
  code: string;
  def: PromotionDefinition;
  status: PromotionViewStatus;
  /** First and last day of the month it runs on (inclusive). */
  startDay: number;
  endDay: number;
  /** It started before this month / goes on after it. */
  before: boolean;
  after: boolean;
}

/** "2026-12" → {year, month}; anything else → the month of `now` in the zone. */
export function parseMonth(value: string | undefined, now: Date, timeZone: string): { year: number; month: number } {
  const m = value ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value) : null;
  if (m && Number(m[1]) >= 2000 && Number(m[1]) <= 2100) return { year: Number(m[1]), month: Number(m[2]) };
  const z = zonedParts(now, timeZone);
  return { year: z.year, month: z.month };
}

const monthKey = (year: number, month: number) => {
  const d = new Date(Date.UTC(year, month - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
};

/** Where a span of time falls in a month: its first and last local day there, and whether it goes on before or after. */
export interface MonthSpan {
  startDay: number;
  endDay: number;
  before: boolean;
  after: boolean;
}

export type MonthFrame = Omit<CalendarMonth, "bars">;

/** The month's grid in the zone: its length, weekday of day 1, today, the neighbouring months. */
export function monthFrame(ym: { year: number; month: number }, timeZone: string, now: Date): MonthFrame {
  const { year, month } = ym;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const firstWeekday = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
  const z = zonedParts(now, timeZone);
  return { year, month, days, firstWeekday, today: z.year === year && z.month === month ? z.day : null, prev: monthKey(year, month - 1), next: monthKey(year, month + 1) };
}

/** The part of [from, to) in the month (to null: open-ended), or null when it misses the month. */
export function spanInMonth(from: Date, to: Date | null, ym: { year: number; month: number }, timeZone: string): MonthSpan | null {
  const start = zonedTimeToInstant(timeZone, ym.year, ym.month, 1);
  const end = zonedTimeToInstant(timeZone, ym.year, ym.month + 1, 1);
  const days = new Date(Date.UTC(ym.year, ym.month, 0)).getUTCDate();
  if (from >= end || (to !== null && to <= start)) return null;
  const before = from < start;
  const after = to === null || to >= end;
  const startDay = before ? 1 : zonedParts(from, timeZone).day;
  const endDay = after ? days : zonedParts(new Date(to.getTime() - 1), timeZone).day;
  return { startDay, endDay: Math.max(startDay, endDay), before, after };
}

/**
 * The promotions that run (or are planned to run) in a month, as bars from their first to their
 * last local day in it. Drafts are left out; a promotion without a start runs from its creation,
 * one without an end to the end of the month.
 */
export function calendarMonth(
  rows: readonly Pick<PromotionRow, "code" | "def" | "status" | "from" | "to" | "createdAt">[],
  ym: { year: number; month: number },
  timeZone: string,
  now: Date,
): CalendarMonth {
  const bars: CalendarBar[] = [];
  for (const r of rows) {
    if (r.status === "draft") continue;
    const span = spanInMonth(r.from ?? r.createdAt, r.to, ym, timeZone);
    if (span) bars.push({ code: r.code, def: r.def, status: r.status, ...span });
  }
  bars.sort((a, b) => a.startDay - b.startDay || a.code.localeCompare(b.code));
  return { ...monthFrame(ym, timeZone, now), bars };
}

/** Codes of a promotion: how many, how many used at least once, by kind. */
export async function codeCounts(db: Db, programId: string, code: string) {
  const rows = await db.$queryRaw<{ kind: string; total: number; used: number; exhausted: number; revoked: number }[]>`
    select c.kind::text, count(*)::int as total, count(*) filter (where c.uses > 0)::int as used,
      count(*) filter (where c."maxUses" is not null and c.uses >= c."maxUses")::int as exhausted,
      count(*) filter (where c."revokedAt" is not null)::int as revoked
    from "PromoCode" c join "Promotion" p on p.id = c."promotionId"
    where p."programId" = ${programId} and p.code = ${code} group by c.kind order by c.kind`;
  const total = rows.reduce((s, r) => s + r.total, 0);
  const used = rows.reduce((s, r) => s + r.used, 0);
  return { total, used, unused: total - used, exhausted: rows.reduce((s, r) => s + r.exhausted, 0), revoked: rows.reduce((s, r) => s + r.revoked, 0), byKind: rows };
}

export interface EditorOptions {
  timeZone: string;
  currency: string;
  tiers: { value: string; label: string }[];
  segments: { value: string; label: string }[];
  stores: { value: string; label: string }[];
  partners: { value: string; label: string }[];
  /** Promotions with trigger "code": what an issueCode effect may give. */
  codePromotions: { value: string; label: string }[];
  /** Categories the program's rules name (suggestions for the sample basket and items). */
  categories: string[];
}

/** What the editor offers to pick from: the program's statuses, segments (by slug), stores, partners and code promotions. */
export async function editorOptions(db: Db, programId: string, locale: Locale, tiers: { code: string; name: string }[]): Promise<EditorOptions> {
  const [program, segments, stores, partners, defs, categories] = await Promise.all([
    db.program.findUniqueOrThrow({ where: { id: programId }, select: { timezone: true, currency: true } }),
    db.segment.findMany({ where: { programId }, select: { name: true }, orderBy: { name: "asc" } }),
    db.store.findMany({ where: { programId }, select: { code: true, name: true }, orderBy: { code: "asc" } }),
    db.partner.findMany({ where: { programId }, select: { code: true, name: true }, orderBy: { code: "asc" } }),
    currentDefinitions(db, programId),
    definitionInForce(db, programId),
  ]);
  const rules = categories?.definition;
  const named = [
    ...(rules?.tiers ?? []).flatMap((t) => Object.keys(t.earnRates ?? {})),
    ...(rules?.earning?.excludedCategories ?? []),
    ...Object.keys(rules?.earning?.activationByCategory ?? {}),
    ...(rules?.qualification?.spendCategories ?? []),
    ...defs.flatMap((d) => d.def.basket?.items?.categories ?? []),
  ];
  return {
    timeZone: program.timezone,
    currency: program.currency,
    tiers: tiers.map((t) => ({ value: t.code, label: t.name })),
    segments: segments.map((s) => ({ value: segmentSlug(s.name), label: s.name })),
    stores: stores.map((s) => ({ value: s.code, label: s.name })),
    partners: partners.map((p) => ({ value: p.code, label: p.name })),
    codePromotions: defs.filter((d) => d.def.trigger === "code").map((d) => ({ value: d.def.code, label: promoText(d.def.name, locale) })),
    categories: [...new Set(named)].sort(),
  };
}
