// Template "triggered": a triggered or campaign message whose subject and body the marketer wrote
// (already in the member's language and filled in when it was queued), with an optional code and button.
import { createElement } from "react";
import { render } from "@react-email/components";
import { z } from "zod";
import TriggeredMessageEmail from "@/emails/triggered-message";
import { appUrl } from "@/lib/env";
import { translator } from "@/lib/i18n/translate";
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
      brand: { programName: ctx.program.name, brandColor: ctx.program.brandColor },
      title: d.subject,
      body: d.body,
      code: d.code ? { label: t("comms.email.code"), value: d.code } : null,
      cta: d.ctaPath ? { label: t("comms.email.openCabinet"), url: appUrl(d.ctaPath) } : null,
      footer: t("cabinet.email.footer", { program: ctx.program.name }),
      unsubscribe: ctx.unsubscribeUrl ? { text: t("comms.email.unsubscribeText"), label: t("comms.email.unsubscribe"), url: ctx.unsubscribeUrl } : undefined,
    });
    return { subject: d.subject, html: await render(element), text: await render(element, { plainText: true }) };
  },
  async sms(ctx) {
    const d = parse(ctx);
    const t = translator(ctx.locale);
    const code = d.code ? ` ${t("comms.email.code")}: ${d.code}` : "";
    return { text: `${ctx.program.name}: ${d.body.replace(/\s+/g, " ").trim()}${code}` };
  },
};
