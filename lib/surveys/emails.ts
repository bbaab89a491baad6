// The survey loop's three emails, rendered from emails/ in the reader's language: the visitor's
// survey, a review to the staff at once, the staff's daily report.
import { createElement } from "react";
import { render } from "@react-email/components";
import type { Db } from "@/lib/db/client";
import { emailSender } from "@/lib/email/email-sender";
import { appUrl } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { formatDate, translator } from "@/lib/i18n/translate";
import SurveyInvitationEmail from "@/emails/survey-invitation";
import SurveyReviewEmail from "@/emails/survey-review";
import SurveyDailyReportEmail from "@/emails/survey-daily-report";
import type { SurveyProgram } from "./settings";
import { formatNps } from "./nps-math";

const brandOf = (p: SurveyProgram) => ({ programName: p.name, brandColor: p.brandColor });
const day = (locale: Locale, d: Date, tz: string) => formatDate(locale, d, tz, { dateStyle: "long" });
const dayTime = (locale: Locale, d: Date, tz: string) => formatDate(locale, d, tz, { dateStyle: "long", timeStyle: "short" });

async function send(db: Db, program: SurveyProgram, to: string, subject: string, template: string, element: React.ReactElement, secrets?: string[]) {
  const html = await render(element);
  const text = await render(element, { plainText: true });
  return emailSender().send(db, { to, subject, html, text, programId: program.programId, template, secrets });
}

/** The public survey page of a token (APP_URL only, never the request's Host). */
export const surveyUrl = (token: string) => appUrl(`/survey/${token}`);

export async function sendSurveyInvitation(db: Db, program: SurveyProgram, input: { to: string; locale: Locale; token: string; visitAt: Date }) {
  const t = translator(input.locale);
  const url = surveyUrl(input.token);
  return send(
    db,
    program,
    input.to,
    t("survey.email.subject", { program: program.name }),
    "survey_invitation",
    createElement(SurveyInvitationEmail, {
      brand: brandOf(program),
      title: t("survey.email.title"),
      lead: t("survey.email.lead", { date: day(input.locale, input.visitAt, program.timezone), program: program.name }),
      scale: t("survey.email.scale"),
      cta: t("survey.email.cta"),
      url,
      footer: t("survey.email.footer", { program: program.name }),
    }),
    [input.token],
  );
}

export interface ReviewFacts {
  score: number;
  review: string;
  reviewedAt: Date;
  visitAt: Date;
  place: string | null;
}

/** A written review, to every staff email of the program at once (in the program's language). */
export async function sendReviewToStaff(db: Db, program: SurveyProgram, r: ReviewFacts) {
  const locale = program.locale;
  const t = translator(locale);
  const facts = [
    t("survey.staff.reviewDate", { date: dayTime(locale, r.reviewedAt, program.timezone) }),
    t("survey.staff.visitDate", { date: day(locale, r.visitAt, program.timezone) }),
    ...(r.place ? [t("survey.staff.place", { place: r.place })] : []),
  ];
  for (const to of program.nps.staffEmails) {
    await send(
      db,
      program,
      to,
      t("survey.staff.subject", { score: r.score, program: program.name }),
      "survey_review",
      createElement(SurveyReviewEmail, {
        brand: brandOf(program),
        title: t("survey.staff.title"),
        scoreLine: t("survey.staff.score", { score: r.score }),
        review: r.review,
        facts,
        cta: t("survey.staff.cta"),
        url: appUrl("/admin/nps"),
        footer: t("survey.staff.footer", { program: program.name }),
      }),
    );
  }
}

export interface DailyReport {
  /** Local noon of the reported day (for its date in the program's zone). */
  dayAt: Date;
  answers: number;
  nps: number | null;
  reviews: ReviewFacts[];
}

export async function sendDailyReport(db: Db, program: SurveyProgram, report: DailyReport) {
  const locale = program.locale;
  const t = translator(locale);
  const dayText = day(locale, report.dayAt, program.timezone);
  for (const to of program.nps.staffEmails) {
    await send(
      db,
      program,
      to,
      t("survey.report.subject", { day: dayText, program: program.name }),
      "survey_daily_report",
      createElement(SurveyDailyReportEmail, {
        brand: brandOf(program),
        title: t("survey.report.title", { day: dayText }),
        summary: t("survey.report.summary", { answers: report.answers, reviews: report.reviews.length }),
        nps: report.nps === null ? null : t("survey.report.nps", { nps: formatNps(locale, report.nps) }),
        none: t("survey.report.none"),
        reviews: report.reviews.map((r) => ({
          heading: t("survey.report.item", { score: r.score, date: dayTime(locale, r.reviewedAt, program.timezone), visit: day(locale, r.visitAt, program.timezone) }),
          review: r.review,
        })),
        cta: t("survey.staff.cta"),
        url: appUrl("/admin/nps"),
        footer: t("survey.staff.footer", { program: program.name }),
      }),
    );
  }
}
