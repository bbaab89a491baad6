// The preview as the editor shows it: names, what each promotion gives and why the others did not
// apply, in the marketer's language (texts promo.effect.* and promo.reason.*), without definitions.
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";
import { promoText } from "./definition";
import { effectSummary } from "./offers";
import type { PreviewAnswer } from "./preview";

export interface PreviewView {
  lines: PreviewAnswer["lines"];
  totals: PreviewAnswer["totals"];
  applied: { code: string; name: string; summary: string; draft: boolean; discount: number; points: number }[];
  rejected: { code: string; name: string; draft: boolean; reason: string }[];
  codeFor: string | null;
  draftLeft: PreviewAnswer["draftLeft"];
  store: string;
}

export function previewView(a: PreviewAnswer, t: Translate, locale: Locale, currency: string): PreviewView {
  return {
    lines: a.lines,
    totals: a.totals,
    applied: a.applied.map((x) => ({
      code: x.code,
      name: promoText(x.def.name, locale),
      summary: x.issues ? `${effectSummary(x.def.effect, locale, currency)} (${x.issues})` : effectSummary(x.def.effect, locale, currency),
      draft: x.draft,
      discount: x.discount,
      points: x.points,
    })),
    rejected: a.rejected.map((x) => ({ code: x.code, name: promoText(x.def.name, locale), draft: x.draft, reason: t(`promo.reason.${x.reason}`) })),
    codeFor: a.codeFor,
    draftLeft: a.draftLeft,
    store: a.store,
  };
}
