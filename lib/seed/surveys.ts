// Demo NPS answers: the club surveys every match visit 12 h after the gate scan (its program's
// `surveys.nps`). For the last ten weeks every visit of a member with an email has its survey
// (so the worker's send-surveys finds nothing old to send on first start); about a quarter
// answer, a third of those write a review. Each match has its own mood (a derby win, a cold
// night's loss), so weeks and events differ. Deterministic for a given "now"; bulk createMany.
import type { Db } from "@/lib/db/client";
import { createId } from "@/lib/ids";
import { isLocale } from "@/lib/i18n/locales";
import { randomBytes } from "node:crypto";
import { sha256Hex } from "@/lib/hash";
import { SURVEY_LINK_DAYS } from "@/lib/surveys/token";
import { Rng } from "./season/rng";

const H = 3_600_000;
const DAY = 24 * H;
export const DEMO_SURVEY_WEEKS = 10;

const REVIEWS = {
  promoter: {
    ru: [
      "Отличная атмосфера на трибунах, вход через гейты за пару минут.",
      "Лучший матч сезона! Спасибо команде и организаторам.",
      "Быстро прошли по карте участника, баллы пришли сразу.",
      "Хорошая фан-зона, дети в восторге от талисмана.",
      "Всё чётко: навигация, стюарды, еда в перерыве.",
      "Приятно, что за билет начисляются баллы — придём ещё.",
    ],
    en: ["Great atmosphere, through the gates in two minutes.", "Best match of the season, thank you!", "Smooth entry with the member card, points arrived at once."],
  },
  passive: {
    ru: [
      "В целом хорошо, но очередь в буфет в перерыве слишком длинная.",
      "Матч понравился, парковка переполнена — хорошо бы больше мест.",
      "Нормально, но табло на северной трибуне плохо видно.",
      "Неплохо, хотелось бы больше вариантов еды.",
    ],
    en: ["Good match, but the food queue at half time was too long.", "Fine overall, parking was full."],
  },
  detractor: {
    ru: [
      "Стояли на входе 40 минут, работали только два турникета.",
      "Холодно, на трибуне не было горячих напитков.",
      "Стюарды грубили, пересадили с наших мест.",
      "После матча не могли выйти полчаса, метро закрыто.",
      "Дорогая еда и ничего не осталось к перерыву.",
    ],
    en: ["We queued 40 minutes at the gates.", "Rude stewards, and no hot drinks on a cold night."],
  },
} as const;

export async function seedSurveys(db: Db, opts: { programId: string; now: Date; log?: (l: string) => void }) {
  const { programId, now } = opts;
  const rng = new Rng(`surveys:${now.toISOString().slice(0, 10)}`);
  const visits = await db.$queryRaw<{ id: string; customerId: string; at: Date; storeId: string | null; eventCode: string; email: string; locale: string | null }[]>`
    select v.id, v."customerId", v.at, v."storeId", v."eventCode", c.email, c.locale
    from "Visit" v join "Customer" c on c.id = v."customerId"
    where v."programId" = ${programId} and v.at > ${new Date(now.getTime() - DEMO_SURVEY_WEEKS * 7 * DAY)} and v.at <= ${new Date(now.getTime() - 12 * H)}
      and c.email is not null and c.status = 'active'
    order by v.at, v.id`;
  // Each match's mood shifts its scores: most are good evenings, a few are not.
  const mood = new Map<string, number>();
  const rows = visits.map((v) => {
    let m = mood.get(v.eventCode);
    if (m === undefined) mood.set(v.eventCode, (m = rng.fork(v.eventCode).normal(0.6, 1.1, -2.5, 2)));
    const sentAt = new Date(v.at.getTime() + 12 * H + rng.int(0, 9 * 60_000));
    const locale = isLocale(v.locale) ? v.locale : "ru";
    const row = {
      id: createId("svy", sentAt.getTime()),
      programId,
      customerId: v.customerId,
      visitId: v.id,
      visitAt: v.at,
      storeId: v.storeId,
      eventCode: v.eventCode,
      // Nobody holds these links: the hash of a random token stands in for the emailed one.
      tokenHash: sha256Hex(randomBytes(32).toString("hex")),
      email: v.email,
      locale,
      sentAt,
      expiresAt: new Date(sentAt.getTime() + SURVEY_LINK_DAYS * DAY),
      score: null as number | null,
      scoredAt: null as Date | null,
      review: null as string | null,
      reviewedAt: null as Date | null,
    };
    if (!rng.chance(0.26)) return row;
    const scoredAt = new Date(sentAt.getTime() + Math.min(rng.int(2, 60) * 60_000 * (rng.chance(0.3) ? 30 : 1), 3 * DAY));
    if (scoredAt >= now) return row;
    const score = Math.round(rng.normal(8.1 + m, 2.1, 0, 10));
    row.score = score;
    row.scoredAt = scoredAt;
    // Unhappy visitors write more often.
    if (rng.chance(score <= 6 ? 0.55 : score <= 8 ? 0.25 : 0.3)) {
      const reviewedAt = new Date(scoredAt.getTime() + rng.int(40, 600) * 1000);
      if (reviewedAt < now) {
        const band = score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
        row.review = rng.pick(REVIEWS[band][locale]);
        row.reviewedAt = reviewedAt;
      }
    }
    return row;
  });
  for (let i = 0; i < rows.length; i += 5000) await db.surveyInvitation.createMany({ data: rows.slice(i, i + 5000) });
  const answered = rows.filter((r) => r.score !== null).length;
  opts.log?.(`${rows.length.toLocaleString("en")} surveys after match visits, ${answered.toLocaleString("en")} answers, ${rows.filter((r) => r.review).length.toLocaleString("en")} reviews`);
  return { sent: rows.length, answered };
}
