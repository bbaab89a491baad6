// Job send-surveys: the NPS survey to each customer with an email whose visit (ticket validation)
// is at least `afterHours` old — once per visit. The SurveyInvitation row's unique visitId is the
// claim: of any number of concurrent runs exactly one inserts it, and queues that visit's email
// (category "survey": consent, suppression and quiet hours are deliver-messages' gates) in the
// same transaction, so an invitation exists exactly when its email is queued.
import type { Db } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";
import { enqueueMessage } from "@/lib/communications/queue";
import { sha256Hex } from "@/lib/hash";
import { createId } from "@/lib/ids";
import { isLocale } from "@/lib/i18n/locales";
import { surveyProgram, surveyPrograms, type SurveyProgram } from "./settings";
import { SURVEY_LINK_DAYS, surveyToken } from "./token";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Visits older than this are never surveyed (a program switching surveys on, a job down for days). */
export const SURVEY_MAX_AGE_DAYS = 7;
const BATCH = 200;

interface Candidate {
  id: string;
  customerId: string;
  at: Date;
  storeId: string | null;
  eventCode: string;
  email: string;
  locale: string | null;
}

/** Visits due a survey at `now`: old enough, not too old, not surveyed yet, of an active customer with an email. */
async function dueVisits(db: Db, program: SurveyProgram, now: Date, limit: number): Promise<Candidate[]> {
  const dueBy = new Date(now.getTime() - program.nps.afterHours * HOUR);
  const oldest = new Date(now.getTime() - SURVEY_MAX_AGE_DAYS * DAY);
  const validatedOnly = program.nps.onlyValidatedVisits;
  return db.$queryRaw<Candidate[]>`
    select v.id, v."customerId", v.at, v."storeId", v."eventCode", c.email, c.locale
    from "Visit" v join "Customer" c on c.id = v."customerId"
    where v."programId" = ${program.programId} and v.at <= ${dueBy} and v.at > ${oldest}
      and c.email is not null and c.status = 'active'
      and not exists (select 1 from "SurveyInvitation" s where s."visitId" = v.id)
      and (${!validatedOnly} or exists (
        select 1 from "Purchase" p join "PurchaseLine" l on l."purchaseId" = p.id and l."purchaseAt" = p.at and l."lineNo" = v."purchaseLineNo"
        where p.id = v."purchaseId" and p.status = 'committed' and l."returnedMilli" < l."quantityMilli"))
    order by v.at, v.id
    limit ${limit}`;
}

/** Claims the visit's survey and queues its email; false when another run (or an earlier one) already has it. */
async function invite(tx: Sql, program: SurveyProgram, v: Candidate, now: Date): Promise<boolean> {
  const id = createId("svy");
  const locale = isLocale(v.locale) ? v.locale : program.locale;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    insert into "SurveyInvitation" (id, "programId", "customerId", "visitId", "visitAt", "storeId", "eventCode", "tokenHash", email, locale, "sentAt", "expiresAt")
    values (${id}, ${program.programId}, ${v.customerId}, ${v.id}, ${v.at}, ${v.storeId}, ${v.eventCode}, ${sha256Hex(surveyToken(id))}, ${v.email}, ${locale},
      ${now}, ${new Date(now.getTime() + SURVEY_LINK_DAYS * DAY)})
    on conflict ("visitId") do nothing
    returning id`;
  if (rows.length === 0) return false;
  await enqueueMessage(tx, {
    programId: program.programId,
    customerId: v.customerId,
    channel: "email",
    to: v.email,
    category: "survey",
    template: "survey_invitation",
    data: { invitationId: id, visitAt: v.at.toISOString(), timezone: program.timezone },
    locale,
    dedupeKey: `survey:${v.id}`,
    notBefore: now,
  });
  return true;
}

export async function sendSurveysForProgram(db: Db, program: SurveyProgram, now: Date): Promise<{ invited: number; skipped: number }> {
  let invited = 0;
  let skipped = 0;
  for (;;) {
    const batch = await dueVisits(db, program, now, BATCH);
    for (const v of batch) {
      if (await db.$transaction((tx) => invite(tx, program, v, now))) invited += 1;
      else skipped += 1;
    }
    if (batch.length < BATCH) return { invited, skipped };
  }
}

/** The job: every program running the NPS survey (or one program: tests, the console). */
export async function runSendSurveys(db: Db, now: Date, opts: { programId?: string } = {}): Promise<Record<string, number>> {
  const programs = opts.programId ? [await surveyProgram(db, opts.programId, now)].filter((p): p is SurveyProgram => p !== null) : await surveyPrograms(db, now);
  let invited = 0;
  let skipped = 0;
  for (const p of programs) {
    const r = await sendSurveysForProgram(db, p, now);
    invited += r.invited;
    skipped += r.skipped;
  }
  return { programs: programs.length, invited, skipped };
}
