// The visitor's side of the survey (public, no sign-in; the link's token is the key): read the
// survey, record a score (changeable until a review is written), record the review once — which
// emails the program's staff. Every write is one conditional UPDATE, so a repeated or concurrent
// submit changes nothing twice; the staff's emails are queued in the review's own transaction,
// so they exist exactly when the review does.
import { enqueueMessage } from "@/lib/communications/queue";
import type { Db } from "@/lib/db/client";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { surveyProgram } from "./settings";
import { surveyTokenHash } from "./token";

export const REVIEW_MAX_CHARS = 2000;

export type SurveyState =
  | { state: "invalid" }
  | { state: "expired" }
  | {
      state: "open";
      programName: string;
      brandColor: string;
      timezone: string;
      locale: Locale;
      visitAt: Date;
      score: number | null;
      review: string | null;
    };

interface Row {
  id: string;
  programId: string;
  visitAt: Date;
  storeId: string | null;
  locale: string;
  expiresAt: Date;
  score: number | null;
  review: string | null;
}

async function findByToken(db: Db, token: string): Promise<Row | null> {
  const hash = surveyTokenHash(token);
  if (!hash) return null;
  return db.surveyInvitation.findUnique({
    where: { tokenHash: hash },
    select: { id: true, programId: true, visitAt: true, storeId: true, locale: true, expiresAt: true, score: true, review: true },
  });
}

export async function readSurvey(db: Db, token: string, now: Date): Promise<SurveyState> {
  const row = await findByToken(db, token);
  if (!row) return { state: "invalid" };
  // An answered survey stays readable (the visitor sees their answer); an unanswered one closes.
  if (row.expiresAt <= now && row.score === null) return { state: "expired" };
  const program = await db.program.findUniqueOrThrow({ where: { id: row.programId }, select: { name: true, brandColor: true, timezone: true } });
  return {
    state: "open",
    programName: program.name,
    brandColor: program.brandColor,
    timezone: program.timezone,
    locale: isLocale(row.locale) ? row.locale : "ru",
    visitAt: row.visitAt,
    score: row.score,
    review: row.review,
  };
}

export type AnswerOutcome = "saved" | "unchanged" | "final" | "invalid" | "expired";

/** Records or changes the score; once a review is written the answer is final (the staff have it). */
export async function recordScore(db: Db, input: { token: string; score: number; now: Date }): Promise<AnswerOutcome> {
  if (!Number.isInteger(input.score) || input.score < 0 || input.score > 10) throw new RangeError("a score is a whole number 0–10");
  const hash = surveyTokenHash(input.token);
  if (!hash) return "invalid";
  const n = await db.$executeRaw`
    update "SurveyInvitation" set score = ${input.score}, "scoredAt" = coalesce("scoredAt", ${input.now})
    where "tokenHash" = ${hash} and "expiresAt" > ${input.now} and review is null and score is distinct from ${input.score}`;
  if (n === 1) return "saved";
  const row = await findByToken(db, input.token);
  if (!row) return "invalid";
  if (row.review !== null) return "final";
  if (row.score === input.score) return "unchanged";
  return "expired";
}

/** Records the written review once and queues it to the staff's emails; a second submit changes nothing. */
export async function recordReview(db: Db, input: { token: string; review: string; now: Date }): Promise<AnswerOutcome> {
  const review = input.review.trim();
  if (!review || review.length > REVIEW_MAX_CHARS) throw new RangeError(`a review is 1–${REVIEW_MAX_CHARS} characters`);
  const hash = surveyTokenHash(input.token);
  if (!hash) return "invalid";
  const saved = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string; programId: string; score: number; visitAt: Date; place: string | null }[]>`
      update "SurveyInvitation" s set review = ${review}, "reviewedAt" = ${input.now}
      where s."tokenHash" = ${hash} and s."expiresAt" > ${input.now} and s.score is not null and s.review is null
      returning s.id, s."programId", s.score, s."visitAt", (select name from "Store" where id = s."storeId") as place`;
    if (!row) return false;
    const program = await surveyProgram(db, row.programId, input.now);
    for (const to of program?.nps.staffEmails ?? []) {
      await enqueueMessage(tx, {
        programId: row.programId,
        channel: "email",
        to,
        category: "transactional",
        template: "survey_review",
        data: { score: row.score, review, reviewedAt: input.now.toISOString(), visitAt: row.visitAt.toISOString(), place: row.place, timezone: program!.timezone },
        locale: program!.locale,
        dedupeKey: `survey-review:${row.id}:${to}`,
        notBefore: input.now,
      });
    }
    return true;
  });
  if (saved) return "saved";
  const found = await findByToken(db, input.token);
  if (!found) return "invalid";
  if (found.review !== null) return "final";
  return found.score === null ? "invalid" : "expired";
}
