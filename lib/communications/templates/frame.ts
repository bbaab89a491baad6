// What the queue's email templates share: rendering both parts of an email, and the frame around
// its content. Its own module, so the templates import it without a cycle through the registry.
import type { ReactElement } from "react";
import { render } from "@react-email/components";
import type { Translate } from "@/lib/i18n/translate";
import type { TemplateContext } from "./index";

/** A react-email element as the HTML and plain-text parts of one email. */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  return { html: await render(element), text: await render(element, { plainText: true }) };
}

/** What every queued email shows around its content: the brand, the footer, and (promotional) the unsubscribe line. */
export function emailFrame(ctx: TemplateContext, t: Translate) {
  return {
    brand: { programName: ctx.program.name, brandColor: ctx.program.brandColor },
    footer: t("cabinet.email.footer", { program: ctx.program.name }),
    unsubscribe: ctx.unsubscribeUrl ? { text: t("comms.email.unsubscribeText"), label: t("comms.email.unsubscribe"), url: ctx.unsubscribeUrl } : undefined,
  };
}
