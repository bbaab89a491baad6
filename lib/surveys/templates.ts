// The survey loop's three message templates for the queue (lib/communications/templates): the
// visitor's survey, a written review to the staff at once, the staff's daily report. Each renders
// a react-email component of emails/ in the message's language from the data queued with it.
import { createElement } from "react";
import { z } from "zod";
import SurveyInvitationEmail from "@/emails/survey-invitation";
import SurveyReviewEmail from "@/emails/survey-review";
import SurveyDailyReportEmail from "@/emails/survey-daily-report";
import type { MessageTemplate, TemplateContext } from "@/lib/communications/templates";
import { emailFrame, renderEmail } from "@/lib/communications/templates/frame";
import { appUrl } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { formatDate, translator } from "@/lib/i18n/translate";
import { formatNps } from "./nps-math";
import { surveyToken } from "./token";

const day = (locale: Locale, d: Date, tz: string) => formatDate(locale, d, tz, { dateStyle: "long" });
const dayTime = (locale: Locale, d: Date, tz: string) => formatDate(locale, d, tz, { dateStyle: "long", timeStyle: "short" });
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

async function email(element: React.ReactElement, subject: string, secrets?: string[]) {
  return { subject, ...(await renderEmail(element)), secrets };
}

export const invitationData = z.object({ invitationId: z.string().min(1), visitAt: instant, timezone: z.string().min(1) });

export const surveyInvitationTemplate: MessageTemplate = {
  async email(ctx) {
    const d = invitationData.parse(ctx.data);
    const t = translator(ctx.locale);
    const token = surveyToken(d.invitationId);
    const program = ctx.program.name;
    return email(
      createElement(SurveyInvitationEmail, {
        ...emailFrame(ctx, t),
        title: t("survey.email.title"),
        lead: t("survey.email.lead", { date: day(ctx.locale, d.visitAt, d.timezone), program }),
        scale: t("survey.email.scale"),
        cta: t("survey.email.cta"),
        url: appUrl(`/survey/${token}`),
        footer: t("survey.email.footer", { program }),
      }),
      t("survey.email.subject", { program }),
      [token],
    );
  },
};

const reviewFacts = z.object({ score: z.number().int().min(0).max(10), review: z.string().min(1), reviewedAt: instant, visitAt: instant, place: z.string().nullable() });
export type ReviewFacts = z.input<typeof reviewFacts>;
export const reviewData = reviewFacts.extend({ timezone: z.string().min(1) });

export const surveyReviewTemplate: MessageTemplate = {
  async email(ctx) {
    const r = reviewData.parse(ctx.data);
    const t = translator(ctx.locale);
    const program = ctx.program.name;
    const facts = [
      t("survey.staff.reviewDate", { date: dayTime(ctx.locale, r.reviewedAt, r.timezone) }),
      t("survey.staff.visitDate", { date: day(ctx.locale, r.visitAt, r.timezone) }),
      ...(r.place ? [t("survey.staff.place", { place: r.place })] : []),
    ];
    return email(
      createElement(SurveyReviewEmail, {
        ...emailFrame(ctx, t),
        title: t("survey.staff.title"),
        scoreLine: t("survey.staff.score", { score: r.score }),
        review: r.review,
        facts,
        cta: t("survey.staff.cta"),
        url: appUrl("/admin/nps"),
        footer: t("survey.staff.footer", { program }),
      }),
      t("survey.staff.subject", { score: r.score, program }),
    );
  },
};

export const reportData = z.object({
  /** Local noon of the reported day. */
  dayAt: instant,
  timezone: z.string().min(1),
  answers: z.number().int().min(0),
  nps: z.number().nullable(),
  reviews: z.array(reviewFacts),
});

export const surveyDailyReportTemplate: MessageTemplate = {
  async email(ctx) {
    const r = reportData.parse(ctx.data);
    const t = translator(ctx.locale);
    const program = ctx.program.name;
    const dayText = day(ctx.locale, r.dayAt, r.timezone);
    return email(
      createElement(SurveyDailyReportEmail, {
        ...emailFrame(ctx, t),
        title: t("survey.report.title", { day: dayText }),
        summary: t("survey.report.summary", { answers: r.answers, reviews: r.reviews.length }),
        nps: r.nps === null ? null : t("survey.report.nps", { nps: formatNps(ctx.locale, r.nps) }),
        none: t("survey.report.none"),
        reviews: r.reviews.map((x) => ({
          heading: t("survey.report.item", { score: x.score, date: dayTime(ctx.locale, x.reviewedAt, r.timezone), visit: day(ctx.locale, x.visitAt, r.timezone) }),
          review: x.review,
        })),
        cta: t("survey.staff.cta"),
        url: appUrl("/admin/nps"),
        footer: t("survey.staff.footer", { program }),
      }),
      t("survey.report.subject", { day: dayText, program }),
    );
  },
};
