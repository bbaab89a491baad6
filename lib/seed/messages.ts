// Demo communications: the triggered messages switched on (birthday with the personal merch code),
// and 90 days of message history derived from what really happened to the demo's fans — a welcome
// for each newcomer, status up and down from TierChange, a warning before each expiry of points,
// birthdays — with realistic outcomes (delivered, opened, clicked, bounced with the address
// suppressed, complaints, no consent, the weekly cap). Then the real daily job and one delivery
// run, so today's birthdays and expiries go through the gates like any other day.
import type { Db } from "@/lib/db/client";
import { runDeliverMessages } from "@/lib/communications/deliver";
import { DEFAULT_TEXTS, fillPlaceholders, TRIGGER_CATEGORY, TRIGGER_KINDS, type TriggerKind } from "@/lib/communications/trigger-kinds";
import { runMessageTriggers } from "@/lib/communications/triggers-job";
import { createId } from "@/lib/ids";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { localized, type LocalizedText } from "@/lib/i18n/localized";
import { formatDate } from "@/lib/i18n/translate";
import { Rng } from "./season/rng";

const DAY = 86_400_000;
const HISTORY_DAYS = 90;
export const DEMO_BIRTHDAY_PROMOTION = "next-merch-15";

interface Source {
  customerId: string;
  kind: TriggerKind;
  at: Date;
  vars: Record<string, string | number>;
}

interface Fan {
  id: string;
  email: string | null;
  firstName: string | null;
  locale: string | null;
  emailConsent: boolean;
}

export async function seedMessages(db: Db, opts: { programId: string; now: Date; log?: (l: string) => void }) {
  const { programId, now } = opts;
  const rng = new Rng(`messages:${now.toISOString().slice(0, 10)}`);
  const program = await db.program.findUniqueOrThrow({ where: { id: programId }, select: { name: true, timezone: true, defaultLocale: true } });
  const programLocale: Locale = isLocale(program.defaultLocale) ? program.defaultLocale : "ru";
  const since = new Date(now.getTime() - HISTORY_DAYS * DAY);
  const marketer = await db.staffUser.findFirst({ where: { programId, role: "marketer" }, select: { id: true } });

  for (const kind of TRIGGER_KINDS) {
    const settings = kind === "birthday" ? { promotion: DEMO_BIRTHDAY_PROMOTION, validDays: 30 } : kind === "lapsed" ? { days: 60 } : kind === "points_expiring" ? { withinDays: 14 } : {};
    await db.messageTrigger.create({
      data: { programId, kind, enabled: true, channel: "email", subject: DEFAULT_TEXTS[kind].subject, body: DEFAULT_TEXTS[kind].body, settings, updatedBy: marketer?.id ?? null, updatedAt: since },
    });
  }

  const version = await db.programVersion.findFirstOrThrow({ where: { programId }, orderBy: { version: "desc" }, select: { definition: true } });
  const tiers = new Map(((version.definition as { tiers: { code: string; name: LocalizedText }[] }).tiers ?? []).map((t, i) => [t.code, { name: t.name, rank: i }]));
  const sources: Source[] = [];
  for (const c of await db.customer.findMany({ where: { programId, createdAt: { gte: since, lt: now } }, select: { id: true, createdAt: true } })) {
    sources.push({ customerId: c.id, kind: "welcome", at: new Date(c.createdAt.getTime() + 60_000), vars: {} });
  }
  for (const ch of await db.tierChange.findMany({ where: { programId, at: { gte: since, lt: now } }, select: { customerId: true, fromTier: true, toTier: true, at: true } })) {
    const up = (tiers.get(ch.toTier)?.rank ?? 0) > (tiers.get(ch.fromTier ?? "")?.rank ?? -1);
    sources.push({ customerId: ch.customerId, kind: up ? "tier_up" : "tier_down", at: new Date(ch.at.getTime() + 30_000), vars: { tier: ch.toTier, previousTier: ch.fromTier ?? "" } });
  }
  const expiries = await db.$queryRaw<{ customerId: string; points: number; first: Date }[]>`
    SELECT a."customerId", sum(l.amount)::int AS points, min(l."expiresAt") AS first
    FROM "Lot" l JOIN "Account" a ON a.id = l."accountId"
    WHERE a."programId" = ${programId} AND l."expiresAt" >= ${new Date(since.getTime() + 14 * DAY)} AND l."expiresAt" < ${new Date(now.getTime() + 14 * DAY)}
      AND l."expiresAt" - interval '14 days' < ${now}
    GROUP BY a."customerId", date_trunc('week', l."expiresAt")`;
  for (const e of expiries) sources.push({ customerId: e.customerId, kind: "points_expiring", at: new Date(e.first.getTime() - 14 * DAY), vars: { points: e.points, date: e.first.toISOString() } });
  const birthdays = await db.$queryRaw<{ id: string; day: Date }[]>`
    SELECT id, make_timestamptz(extract(year FROM d)::int, extract(month FROM "birthDate")::int, extract(day FROM "birthDate")::int, 10, 0, 0, ${program.timezone}) AS day
    FROM "Customer", LATERAL (SELECT ${now}::timestamptz AS d) n
    WHERE "programId" = ${programId} AND "birthDate" IS NOT NULL
      AND NOT (extract(month FROM "birthDate") = 2 AND extract(day FROM "birthDate") = 29)`;
  for (const b of birthdays) {
    const day = b.day > now ? new Date(b.day.getTime() - 365 * DAY) : b.day;
    if (day >= since && day < new Date(now.getTime() - DAY)) sources.push({ customerId: b.id, kind: "birthday", at: day, vars: { date: new Date(day.getTime() + 30 * DAY).toISOString() } });
  }

  const fans = new Map<string, Fan>();
  const ids = [...new Set(sources.map((s) => s.customerId))];
  for (let i = 0; i < ids.length; i += 5000) {
    for (const f of await db.customer.findMany({ where: { id: { in: ids.slice(i, i + 5000) } }, select: { id: true, email: true, firstName: true, locale: true, emailConsent: true } }))
      fans.set(f.id, f);
  }
  const capUsed = new Map<string, number[]>();
  const rows: Record<string, unknown>[] = [];
  const suppress = new Map<string, { reason: "bounced" | "complained"; source: string }>();
  for (const s of sources.sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const fan = fans.get(s.customerId);
    if (!fan?.email) continue;
    const locale: Locale = isLocale(fan.locale) ? fan.locale : programLocale;
    const category = TRIGGER_CATEGORY[s.kind];
    const tierName = (code: unknown) => localized(tiers.get(String(code))?.name, locale, programLocale) || String(code);
    const vars: Record<string, string | number> = {
      name: fan.firstName ?? (locale === "ru" ? "Друг" : "Friend"),
      program: program.name,
      ...s.vars,
      ...(s.vars.tier ? { tier: tierName(s.vars.tier), previousTier: tierName(s.vars.previousTier) } : {}),
      ...(s.vars.date ? { date: formatDate(locale, new Date(String(s.vars.date)), program.timezone) } : {}),
    };
    const id = createId("msg", s.at.getTime());
    const r = rng.next();
    const sentAt = new Date(s.at.getTime() + rng.int(20, 90) * 1000);
    let status: string;
    let reason: string | null = null;
    let gate = "passed";
    const recent = (capUsed.get(fan.id) ?? []).filter((t) => t > s.at.getTime() - 7 * DAY);
    if (suppress.has(fan.email)) [status, reason, gate] = ["suppressed", "address_suppressed", "suppressed:address_suppressed"];
    else if (category !== "transactional" && !fan.emailConsent) [status, reason, gate] = ["suppressed", "no_consent", "suppressed:no_consent"];
    else if (category === "marketing" && recent.length >= 2) [status, reason, gate] = ["suppressed", "frequency_cap", "suppressed:frequency_cap"];
    else if (r < 0.018) status = "bounced";
    else if (r < 0.021 && category === "marketing") status = "complained";
    else if (r < 0.55) status = "delivered";
    else if (r < (category === "marketing" ? 0.88 : 0.84)) status = "opened";
    else status = "clicked";
    if (category === "marketing" && status !== "suppressed") capUsed.set(fan.id, [...recent, s.at.getTime()]);
    if (status === "bounced" || status === "complained") {
      reason = status;
      suppress.set(fan.email, { reason: status, source: id });
    }
    const reached = status !== "suppressed";
    const delivered = ["delivered", "opened", "clicked", "complained"].includes(status);
    const opened = status === "opened" || status === "clicked";
    const openedAt = opened ? new Date(sentAt.getTime() + rng.int(2, 36 * 60) * 60_000) : null;
    const t = { subject: DEFAULT_TEXTS[s.kind].subject[locale], body: DEFAULT_TEXTS[s.kind].body[locale] };
    rows.push({
      id,
      programId,
      customerId: fan.id,
      channel: "email",
      to: fan.email,
      category,
      template: "triggered",
      data: { kind: s.kind, subject: fillPlaceholders(t.subject, vars), body: fillPlaceholders(t.body, vars), code: null, ctaPath: "/cabinet" },
      locale,
      dedupeKey: `demo:${s.kind}:${id}`,
      status,
      gate,
      reason,
      attempts: reached ? 1 : 0,
      notBefore: s.at,
      capAt: category === "marketing" && reached ? s.at : null,
      subject: reached ? fillPlaceholders(t.subject, vars) : null,
      provider: reached ? "resend" : null,
      sentAt: reached ? sentAt : null,
      deliveredAt: delivered || opened ? new Date(sentAt.getTime() + rng.int(2, 30) * 1000) : null,
      openedAt,
      clickedAt: status === "clicked" && openedAt ? new Date(openedAt.getTime() + rng.int(10, 300) * 1000) : null,
      bouncedAt: status === "bounced" ? new Date(sentAt.getTime() + 5000) : null,
      complainedAt: status === "complained" ? new Date(sentAt.getTime() + rng.int(1, 48) * 3_600_000) : null,
      createdAt: s.at,
      updatedAt: s.at,
    });
  }
  for (let i = 0; i < rows.length; i += 2000) await db.message.createMany({ data: rows.slice(i, i + 2000) as never });
  await db.suppression.createMany({
    data: [...suppress].map(([address, v]) => ({ channel: "email" as const, address, reason: v.reason, source: v.source })),
    skipDuplicates: true,
  });
  // Today, as the worker would: birthdays and expiries through the real job, then one delivery run (quiet hours may hold them).
  const triggered = await runMessageTriggers(db, now);
  const delivered = await runDeliverMessages(db, now);
  opts.log?.(`${rows.length.toLocaleString("en")} messages of the last ${HISTORY_DAYS} days, ${suppress.size} suppressed addresses; today ${JSON.stringify(triggered)} → ${JSON.stringify(delivered)}`);
}
