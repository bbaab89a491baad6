// The daily `message-triggers` job: birthdays (with a code of the trigger's promotion), points
// expiring within N days, and members lapsed for N days (no receipt or visit). Each member's
// message is queued with a dedupe key of the event (the year of the birthday, the day the first
// points expire, the day of the last activity), so runs twice a day or concurrently send nothing twice.
import type { Db } from "@/lib/db/client";
import { formatDate } from "@/lib/i18n/translate";
import { definitionInForce } from "@/lib/program/in-force";
import { issueCode } from "@/lib/promotions/codes";
import { localMidnight, zonedParts } from "@/lib/time";
import { enabledTrigger, fireTrigger, type TriggerRow } from "./triggers";

const DAY_MS = 86_400_000;
/** A member who lapsed long ago is not written to when the trigger is first switched on: only entries of the last week. */
const LAPSED_ENTRY_WINDOW_DAYS = 7;

const ymd = (d: Date, tz: string) => {
  const p = zonedParts(d, tz);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
};

async function birthdays(db: Db, programId: string, tz: string, trigger: TriggerRow, now: Date): Promise<number> {
  const p = zonedParts(now, tz);
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Customer"
    WHERE "programId" = ${programId} AND status = 'active' AND "birthDate" IS NOT NULL
      AND extract(month FROM "birthDate") = ${p.month} AND extract(day FROM "birthDate") = ${p.day}`;
  let queued = 0;
  const validDays = trigger.settings.validDays ?? 30;
  for (const { id } of rows) {
    const dedupeKey = `birthday:${id}:${p.year}`;
    const done = await db.$transaction(async (tx) => {
      // One run at a time per member and year: the code is drawn only for the message that is queued.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('message-dedupe'), hashtext(${`${programId}:${dedupeKey}`}))`;
      const [exists] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Message" WHERE "programId" = ${programId} AND "dedupeKey" = ${dedupeKey}`;
      if (exists) return null;
      const issued = trigger.settings.promotion ? await issueCode(tx, { programId, promotionCode: trigger.settings.promotion, customerId: id, purchaseId: null, at: now, validDays }) : null;
      const until = issued?.expiresAt ?? new Date(now.getTime() + validDays * DAY_MS);
      return fireTrigger(tx, {
        programId,
        customerId: id,
        kind: "birthday",
        dedupeKey,
        trigger,
        notBefore: now,
        code: issued?.code ?? null,
        vars: { date: { ru: formatDate("ru", until, tz), en: formatDate("en", until, tz) } },
      });
    });
    if (done) queued += 1;
  }
  return queued;
}

async function expiring(db: Db, programId: string, tz: string, trigger: TriggerRow, now: Date): Promise<number> {
  const within = trigger.settings.withinDays ?? 14;
  const rows = await db.$queryRaw<{ customerId: string; points: number; first: Date }[]>`
    SELECT a."customerId", sum(l.remaining - l.held)::int AS points, min(l."expiresAt") AS first
    FROM "Lot" l JOIN "Account" a ON a.id = l."accountId" JOIN "Customer" c ON c.id = a."customerId"
    WHERE a."programId" = ${programId} AND c.status = 'active' AND l."expiredAt" IS NULL AND l."voidedAt" IS NULL
      AND l.remaining > l.held AND l."expiresAt" > ${now} AND l."expiresAt" <= ${new Date(now.getTime() + within * DAY_MS)}
    GROUP BY a."customerId"`;
  let queued = 0;
  for (const r of rows) {
    const done = await fireTrigger(db, {
      programId,
      customerId: r.customerId,
      kind: "points_expiring",
      dedupeKey: `expiring:${r.customerId}:${ymd(r.first, tz)}`,
      trigger,
      notBefore: now,
      vars: { points: r.points, date: { ru: formatDate("ru", r.first, tz), en: formatDate("en", r.first, tz) } },
    });
    if (done) queued += 1;
  }
  return queued;
}

async function lapsed(db: Db, programId: string, tz: string, trigger: TriggerRow, now: Date): Promise<number> {
  const days = trigger.settings.days ?? 60;
  const cutoff = localMidnight(now, tz, -days);
  const oldest = new Date(cutoff.getTime() - LAPSED_ENTRY_WINDOW_DAYS * DAY_MS);
  const rows = await db.$queryRaw<{ customerId: string; last: Date }[]>`
    SELECT x."customerId", max(x.at) AS last FROM (
      SELECT "customerId", at FROM "Purchase" WHERE "programId" = ${programId} AND "customerId" IS NOT NULL AND status = 'committed'
      UNION ALL
      SELECT v."customerId", v.at FROM "Visit" v JOIN "Customer" c ON c.id = v."customerId" WHERE c."programId" = ${programId}
    ) x JOIN "Customer" c ON c.id = x."customerId" AND c.status = 'active'
    GROUP BY x."customerId"
    HAVING max(x.at) < ${cutoff} AND max(x.at) >= ${oldest}`;
  let queued = 0;
  for (const r of rows) {
    const done = await fireTrigger(db, { programId, customerId: r.customerId, kind: "lapsed", dedupeKey: `lapsed:${r.customerId}:${ymd(r.last, tz)}`, trigger, notBefore: now, vars: { days } });
    if (done) queued += 1;
  }
  return queued;
}

export async function runMessageTriggers(db: Db, now: Date): Promise<Record<string, number>> {
  const counts = { programs: 0, birthday: 0, points_expiring: 0, lapsed: 0 };
  const programs = await db.$queryRaw<{ programId: string }[]>`
    SELECT DISTINCT "programId" FROM "MessageTrigger" WHERE enabled AND kind IN ('birthday', 'points_expiring', 'lapsed')`;
  for (const { programId } of programs) {
    const tz = (await definitionInForce(db, programId, now))?.definition.timezone ?? "UTC";
    counts.programs += 1;
    const b = await enabledTrigger(db, programId, "birthday");
    if (b) counts.birthday += await birthdays(db, programId, tz, b, now);
    const e = await enabledTrigger(db, programId, "points_expiring");
    if (e) counts.points_expiring += await expiring(db, programId, tz, e, now);
    const l = await enabledTrigger(db, programId, "lapsed");
    if (l) counts.lapsed += await lapsed(db, programId, tz, l, now);
  }
  return counts;
}
