// The templates the queue can render, by key: each makes an email (react-email component of
// emails/, in the message's language) and/or an SMS text from the message's data. A new kind of
// message adds its entry here (surveys, campaigns).
import type { Locale } from "@/lib/i18n/locales";
import { campaignTemplate } from "./campaign";
import { triggeredTemplate } from "./triggered";
import { surveyDailyReportTemplate, surveyInvitationTemplate, surveyReviewTemplate } from "@/lib/surveys/templates";

export interface TemplateContext {
  locale: Locale;
  program: { id: string; name: string; brandColor: string };
  data: Record<string, unknown>;
  /** The member's one-click unsubscribe link (marketing and survey emails), on APP_URL. */
  unsubscribeUrl: string | null;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** Codes and link tokens in the message: redacted in the outbox in production. */
  secrets?: string[];
}

export interface RenderedSms {
  text: string;
  secrets?: string[];
}

export interface MessageTemplate {
  email?(ctx: TemplateContext): Promise<RenderedEmail>;
  sms?(ctx: TemplateContext): Promise<RenderedSms>;
}

const TEMPLATES: Record<string, MessageTemplate> = {
  triggered: triggeredTemplate,
  campaign: campaignTemplate,
  survey_invitation: surveyInvitationTemplate,
  survey_review: surveyReviewTemplate,
  survey_daily_report: surveyDailyReportTemplate,
};

export function hasTemplate(key: string): boolean {
  return Object.hasOwn(TEMPLATES, key);
}

export function templateOf(key: string): MessageTemplate {
  const t = TEMPLATES[key];
  if (!t || !Object.hasOwn(TEMPLATES, key)) throw new Error(`unknown message template "${key}"`);
  return t;
}
