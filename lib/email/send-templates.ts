// Renders the react-email templates of emails/ in the fan's language and sends them.
import { createElement } from "react";
import { render } from "@react-email/components";
import type { Db } from "@/lib/db/client";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { formatNumber, translator } from "@/lib/i18n/translate";
import LinkEmail from "@/emails/sign-in-link";
import RedemptionEmail from "@/emails/redemption-confirmation";
import FeedbackReplyEmail from "@/emails/feedback-reply";
import { emailSender } from "./email-sender";

interface ProgramBrand {
  id: string;
  name: string;
  brandColor: string;
  defaultLocale: string;
}

async function brandOf(db: Db, programId: string): Promise<ProgramBrand> {
  const p = await db.program.findUniqueOrThrow({ where: { id: programId }, select: { id: true, name: true, brandColor: true, defaultLocale: true } });
  return p;
}

function localeFor(preferred: string | null | undefined, program: ProgramBrand): Locale {
  if (isLocale(preferred)) return preferred;
  return isLocale(program.defaultLocale) ? program.defaultLocale : "ru";
}

async function deliver(db: Db, program: ProgramBrand, to: string, subject: string, template: string, element: React.ReactElement, secrets?: string[]) {
  const html = await render(element);
  const text = await render(element, { plainText: true });
  return emailSender().send(db, { to, subject, html, text, programId: program.id, template, secrets });
}

export async function sendLinkEmail(db: Db, input: { programId: string; to: string; url: string; kind: "sign_in" | "verify_email"; locale?: string | null; secrets?: string[] }) {
  const program = await brandOf(db, input.programId);
  const t = translator(localeFor(input.locale, program));
  const k = input.kind === "sign_in" ? "signIn" : "verify";
  const title = t(`cabinet.email.${k}.title`, { program: program.name });
  return deliver(
    db,
    program,
    input.to,
    title,
    input.kind,
    createElement(LinkEmail, {
      brand: { programName: program.name, brandColor: program.brandColor },
      title,
      lead: t(`cabinet.email.${k}.lead`),
      cta: t(`cabinet.email.${k}.cta`),
      url: input.url,
      fallback: t("cabinet.email.fallback"),
      ignore: t(`cabinet.email.${k}.ignore`),
      footer: t("cabinet.email.footer", { program: program.name }),
    }),
    input.secrets,
  );
}

export async function sendRedemptionEmail(db: Db, input: { programId: string; to: string; locale?: string | null; itemTitle: string; voucherCode: string; points: number; url: string }) {
  const program = await brandOf(db, input.programId);
  const locale = localeFor(input.locale, program);
  const t = translator(locale);
  const title = t("cabinet.email.redemption.title");
  return deliver(
    db,
    program,
    input.to,
    `${title}: ${input.itemTitle}`,
    "redemption",
    createElement(RedemptionEmail, {
      brand: { programName: program.name, brandColor: program.brandColor },
      title,
      lead: t("cabinet.email.redemption.lead", { item: input.itemTitle }),
      voucherLabel: t("cabinet.catalog.voucher"),
      voucherCode: input.voucherCode,
      pointsLine: t("cabinet.email.redemption.points", { points: formatNumber(locale, input.points) }),
      note: t("cabinet.email.redemption.note"),
      cta: t("cabinet.catalog.mine"),
      url: input.url,
      footer: t("cabinet.email.footer", { program: program.name }),
    }),
    [input.voucherCode],
  );
}

export async function sendFeedbackReplyEmail(db: Db, input: { programId: string; to: string; locale?: string | null; subject: string; reply: string; url: string }) {
  const program = await brandOf(db, input.programId);
  const t = translator(localeFor(input.locale, program));
  const title = t("cabinet.email.feedback.title");
  return deliver(
    db,
    program,
    input.to,
    `${title}: ${input.subject}`,
    "feedback_reply",
    createElement(FeedbackReplyEmail, {
      brand: { programName: program.name, brandColor: program.brandColor },
      title,
      subjectLine: input.subject,
      reply: input.reply,
      cta: t("cabinet.email.feedback.cta"),
      url: input.url,
      footer: t("cabinet.email.footer", { program: program.name }),
    }),
  );
}
