// Template "triggered": a triggered or campaign message whose subject and body the marketer wrote
// (already in the member's language and filled in when it was queued), with an optional code and button.
import { createElement } from "react";
import { z } from "zod";
import TriggeredMessageEmail from "@/emails/triggered-message";
import { appUrl } from "@/lib/env";
import { translator } from "@/lib/i18n/translate";
import { emailFrame, renderEmail } from "./frame";
import type { MessageTemplate, TemplateContext } from "./index";

const triggeredData = z.object({
  subject: z.string().min(1),
  body: z.string().min(1),
  code: z.string().min(1).nullish(),
  /** Path in the app the button opens (e.g. "/cabinet"). */
  ctaPath: z.string().startsWith("/").nullish(),
});

function parse(ctx: TemplateContext) {
  return triggeredData.parse(ctx.data);
}

export const triggeredTemplate: MessageTemplate = {
  async email(ctx) {
    const d = parse(ctx);
    const t = translator(ctx.locale);
    const element = createElement(TriggeredMessageEmail, {
      ...emailFrame(ctx, t),
      title: d.subject,
      body: d.body,
      code: d.code ? { label: t("comms.email.code"), value: d.code } : null,
      cta: d.ctaPath ? { label: t("comms.email.openCabinet"), url: appUrl(d.ctaPath) } : null,
    });
    return { subject: d.subject, ...(await renderEmail(element)) };
  },
  async sms(ctx) {
    const d = parse(ctx);
    const t = translator(ctx.locale);
    const code = d.code ? ` ${t("comms.email.code")}: ${d.code}` : "";
    return { text: `${ctx.program.name}: ${d.body.replace(/\s+/g, " ").trim()}${code}` };
  },
};
