// Template "campaign": one member's message of a campaign (lib/campaigns): the variant's subject
// and body in the member's language, {name} already filled in when it was queued. A partner's
// mailing (data.partner) goes out under the partner's name.
import { createElement } from "react";
import { z } from "zod";
import CampaignMessageEmail from "@/emails/campaign-message";
import PartnerMailingEmail from "@/emails/partner-mailing";
import { appUrl } from "@/lib/env";
import { translator } from "@/lib/i18n/translate";
import { emailFrame, renderEmail } from "./frame";
import type { MessageTemplate, TemplateContext } from "./index";

const campaignData = z.object({
  /** The variant's key ("A", "B", "C"); null for a member of the holdout (never sent). */
  variant: z.string().nullable(),
  subject: z.string().min(1),
  body: z.string().min(1),
  /** The partner's name, for a coalition partner's mailing. */
  partner: z.string().min(1).optional(),
});

function parse(ctx: TemplateContext) {
  return campaignData.parse(ctx.data);
}

export const campaignTemplate: MessageTemplate = {
  async email(ctx) {
    const d = parse(ctx);
    const t = translator(ctx.locale);
    const props = { ...emailFrame(ctx, t), title: d.subject, body: d.body, cta: { label: t("comms.email.openCabinet"), url: appUrl("/cabinet") } };
    const element = d.partner
      ? createElement(PartnerMailingEmail, { ...props, partnerName: d.partner, footer: t("partner.mail.emailFooter", { partner: d.partner, program: ctx.program.name }) })
      : createElement(CampaignMessageEmail, props);
    return { subject: d.subject, ...(await renderEmail(element)) };
  },
  async sms(ctx) {
    const d = parse(ctx);
    return { text: `${d.partner ?? ctx.program.name}: ${d.body.replace(/\s+/g, " ").trim()}` };
  },
};
