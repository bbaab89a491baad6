// The preview of a campaign's message: rendered by the template the delivery uses (lib/communications
// template "campaign", react-email), with the program's brand, a sample first name and a sample
// unsubscribe link — what a member sees, before anything is queued.
import { templateOf } from "@/lib/communications/templates";
import type { Db } from "@/lib/db/client";
import { appUrl } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { personalise } from "./definition";

export interface CampaignPreview {
  subject: string | null;
  html: string | null;
  text: string;
}

export async function previewCampaignMessage(
  db: Db,
  programId: string,
  input: { channel: "email" | "sms"; subject: string; body: string; locale: Locale; sampleName?: string },
): Promise<CampaignPreview> {
  const program = await db.program.findUniqueOrThrow({ where: { id: programId }, select: { id: true, name: true, brandColor: true } });
  const name = input.sampleName ?? (input.locale === "ru" ? "Анна" : "Anna");
  const data = { variant: "A", subject: personalise(input.subject || input.body.slice(0, 60), name), body: personalise(input.body, name) };
  const ctx = { locale: input.locale, program, data, unsubscribeUrl: appUrl("/unsubscribe/preview") };
  const template = templateOf("campaign");
  if (input.channel === "sms") return { subject: null, html: null, text: (await template.sms!(ctx)).text };
  const mail = await template.email!(ctx);
  return { subject: mail.subject, html: mail.html, text: mail.text };
}
