// Job daily-review-report: once a day, after `dailyReportAt` (program time), yesterday's survey
// answers and written reviews (yesterday = the program's local calendar day) to `staffEmails`.
// The SurveyDailyReport row (program, day) is the claim: one report per program and day, however
// often or concurrently the job runs; the emails are queued in the claim's transaction.
import { enqueueMessage } from "@/lib/communications/queue";
import type { Db } from "@/lib/db/client";
import { localMidnight, zonedParts } from "@/lib/time";
import { npsOfDistribution } from "./nps-math";
import { surveyProgram, surveyPrograms, type SurveyProgram } from "./settings";

const pad = (n: number) => String(n).padStart(2, "0");

/** Yesterday in the program's zone as of `now`: its key and [start, end). */
export function reportDay(now: Date, timeZone: string): { day: string; start: Date; end: Date } {
  const end = localMidnight(now, timeZone);
  const start = localMidnight(now, timeZone, -1);
  const p = zonedParts(new Date(start.getTime() + 12 * 3_600_000), timeZone);
  return { day: `${p.year}-${pad(p.month)}-${pad(p.day)}`, start, end };
}

/** True once the program's local clock has passed `dailyReportAt` today. */
export function reportDue(now: Date, timeZone: string, at: string): boolean {
  const p = zonedParts(now, timeZone);
  const [h, m] = at.split(":").map(Number);
  return p.hour * 60 + p.minute >= h * 60 + m;
}

/** Yesterday's numbers and written reviews (oldest first) of a program. */
export async function reviewsOfDay(db: Db, programId: string, start: Date, end: Date) {
  const dist = await db.$queryRaw<{ score: number; n: number }[]>`
    select score, count(*)::int as n from "SurveyInvitation"
    where "programId" = ${programId} and "scoredAt" >= ${start} and "scoredAt" < ${end} and score is not null
    group by score`;
  const distribution = Array.from({ length: 11 }, () => 0);
  for (const d of dist) distribution[d.score] = d.n;
  const rows = await db.$queryRaw<{ score: number; review: string; reviewedAt: Date; visitAt: Date; place: string | null }[]>`
    select s.score, s.review, s."reviewedAt", s."visitAt", st.name as place
    from "SurveyInvitation" s left join "Store" st on st.id = s."storeId"
    where s."programId" = ${programId} and s."reviewedAt" >= ${start} and s."reviewedAt" < ${end}
    order by s."reviewedAt", s.id`;
  const summary = npsOfDistribution(distribution);
  return { answers: summary.answers, nps: summary.nps, reviews: rows };
}

async function reportProgram(db: Db, program: SurveyProgram, now: Date): Promise<"sent" | "not_due" | "already_sent"> {
  if (!reportDue(now, program.timezone, program.nps.dailyReportAt)) return "not_due";
  const { day, start, end } = reportDay(now, program.timezone);
  const data = await reviewsOfDay(db, program.programId, start, end);
  const claimed = await db.$transaction(async (tx) => {
    const n = await tx.$executeRaw`
      insert into "SurveyDailyReport" ("programId", day, reviews, "sentAt") values (${program.programId}, ${day}, ${data.reviews.length}, ${now})
      on conflict ("programId", day) do nothing`;
    if (n === 0) return false;
    const report = {
      dayAt: new Date(start.getTime() + 12 * 3_600_000).toISOString(),
      timezone: program.timezone,
      answers: data.answers,
      nps: data.nps,
      reviews: data.reviews.map((r) => ({ ...r, reviewedAt: r.reviewedAt.toISOString(), visitAt: r.visitAt.toISOString() })),
    };
    for (const to of program.nps.staffEmails) {
      await enqueueMessage(tx, {
        programId: program.programId,
        channel: "email",
        to,
        category: "transactional",
        template: "survey_daily_report",
        data: report,
        locale: program.locale,
        dedupeKey: `survey-report:${day}:${to}`,
        notBefore: now,
      });
    }
    return true;
  });
  return claimed ? "sent" : "already_sent";
}

export async function runDailyReviewReport(db: Db, now: Date, opts: { programId?: string } = {}): Promise<Record<string, number>> {
  const programs = opts.programId ? [await surveyProgram(db, opts.programId, now)].filter((p): p is SurveyProgram => p !== null) : await surveyPrograms(db, now);
  const out = { programs: programs.length, sent: 0, notDue: 0, alreadySent: 0 };
  for (const p of programs) {
    const r = await reportProgram(db, p, now);
    if (r === "sent") out.sent += 1;
    else if (r === "not_due") out.notDue += 1;
    else out.alreadySent += 1;
  }
  return out;
}
