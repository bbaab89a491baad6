// The console's NPS page: answers of a date range (by the day they were given, program time) —
// the score, the 0–10 distribution, NPS by week, the written reviews with their visit dates, and
// NPS by place (the store or zone where the visit was recorded) and by event.
import type { Db } from "@/lib/db/client";
import { npsOfDistribution, type NpsSummary } from "./nps-math";

export interface NpsGroup {
  key: string;
  label: string | null;
  summary: NpsSummary;
}

export interface NpsReview {
  id: string;
  score: number;
  review: string;
  reviewedAt: Date;
  visitAt: Date;
  place: string | null;
  eventCode: string;
}

export interface NpsReport {
  summary: NpsSummary;
  distribution: number[];
  /** Surveys sent in the range (the response rate's base). */
  sent: number;
  /** Answers among the surveys sent in the range. */
  sentAnswered: number;
  weeks: { week: string; summary: NpsSummary }[];
  reviews: NpsReview[];
  byPlace: NpsGroup[];
  byEvent: NpsGroup[];
}

type Counted = { key: string | null; label: string | null; score: number; n: number };

function groups(rows: Counted[]): NpsGroup[] {
  const map = new Map<string, { label: string | null; dist: number[] }>();
  for (const r of rows) {
    const key = r.key ?? "";
    let g = map.get(key);
    if (!g) map.set(key, (g = { label: r.label, dist: Array.from({ length: 11 }, () => 0) }));
    g.dist[r.score] += r.n;
  }
  return [...map.entries()].map(([key, g]) => ({ key, label: g.label, summary: npsOfDistribution(g.dist) }));
}

export async function npsReport(db: Db, opts: { programId: string; timezone: string; from: Date; to: Date; reviewsLimit?: number }): Promise<NpsReport> {
  const { programId, timezone, from, to } = opts;
  const [dist, weekly, places, events, sent, reviews] = await Promise.all([
    db.$queryRaw<{ score: number; n: number }[]>`
      select score, count(*)::int as n from "SurveyInvitation"
      where "programId" = ${programId} and "scoredAt" >= ${from} and "scoredAt" < ${to} and score is not null group by score`,
    db.$queryRaw<{ week: string; score: number; n: number }[]>`
      select to_char(date_trunc('week', "scoredAt" at time zone ${timezone}), 'YYYY-MM-DD') as week, score, count(*)::int as n
      from "SurveyInvitation" where "programId" = ${programId} and "scoredAt" >= ${from} and "scoredAt" < ${to} and score is not null
      group by 1, 2 order by 1`,
    db.$queryRaw<Counted[]>`
      select s."storeId" as key, st.name as label, s.score, count(*)::int as n
      from "SurveyInvitation" s left join "Store" st on st.id = s."storeId"
      where s."programId" = ${programId} and s."scoredAt" >= ${from} and s."scoredAt" < ${to} and s.score is not null
      group by 1, 2, 3`,
    db.$queryRaw<Counted[]>`
      select "eventCode" as key, null as label, score, count(*)::int as n from "SurveyInvitation"
      where "programId" = ${programId} and "scoredAt" >= ${from} and "scoredAt" < ${to} and score is not null
      group by 1, 3`,
    db.$queryRaw<{ sent: number; answered: number }[]>`
      select count(*)::int as sent, count(score)::int as answered from "SurveyInvitation"
      where "programId" = ${programId} and "sentAt" >= ${from} and "sentAt" < ${to}`,
    db.$queryRaw<NpsReview[]>`
      select s.id, s.score, s.review, s."reviewedAt", s."visitAt", st.name as place, s."eventCode"
      from "SurveyInvitation" s left join "Store" st on st.id = s."storeId"
      where s."programId" = ${programId} and s."reviewedAt" >= ${from} and s."reviewedAt" < ${to}
      order by s."reviewedAt" desc, s.id limit ${opts.reviewsLimit ?? 50}`,
  ]);
  const distribution = Array.from({ length: 11 }, () => 0);
  for (const d of dist) distribution[d.score] = d.n;
  const weekMap = new Map<string, number[]>();
  for (const w of weekly) {
    let d = weekMap.get(w.week);
    if (!d) weekMap.set(w.week, (d = Array.from({ length: 11 }, () => 0)));
    d[w.score] += w.n;
  }
  const byAnswers = (a: NpsGroup, b: NpsGroup) => b.summary.answers - a.summary.answers || a.key.localeCompare(b.key);
  return {
    summary: npsOfDistribution(distribution),
    distribution,
    sent: sent[0]?.sent ?? 0,
    sentAnswered: sent[0]?.answered ?? 0,
    weeks: [...weekMap.entries()].map(([week, d]) => ({ week, summary: npsOfDistribution(d) })),
    reviews,
    byPlace: groups(places).sort(byAnswers),
    byEvent: groups(events).sort(byAnswers).slice(0, 12),
  };
}
