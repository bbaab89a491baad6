// My offers: the promo codes the fan holds (what each gives, until when) and the promotions the
// fan can use now — those their status, birthday or newness qualifies them for, and those a code
// of theirs unlocks.
import { pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { myOffers } from "@/lib/customers/offers";
import { now } from "@/lib/clock";
import { PageTitle } from "@/components/cabinet/ui";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/states";
import { Panel } from "@/components/ui/card";
import { Icon } from "@/components/cabinet/icons";
import { headline } from "@/components/cabinet/format";
import { loadCabinet } from "../../_lib/context";

export const generateMetadata = pageTitle("title.cabinet.offers");

export default async function OffersPage() {
  const { customer, program, t, locale, db } = await loadCabinet();
  const { offers, codes, timeZone } = await myOffers(db, { programId: program.id, customerId: customer.id, at: now(), locale });
  const until = (d: Date | null) => (d ? t("cabinet.offers.validUntil", { date: formatDate(locale, d, timeZone) }) : t("cabinet.offers.noEnd"));
  return (
    <div className="space-y-5">
      <PageTitle title={t("cabinet.offers.title")} lead={t("cabinet.offers.lead")} />

      <Panel density="roomy" title={t("cabinet.offers.codes")} id="my-codes">
        {codes.length === 0 ? (
          <EmptyState icon={<Icon name="offers" className="size-6" />} text={t("cabinet.offers.noCodes")} />
        ) : (
          <>
            <p className="mb-4 text-sm text-slate-600">{t("cabinet.offers.codesHint")}</p>
            <ul className="grid gap-3 sm:grid-cols-2">
              {codes.map((c) => (
                <li key={c.code} data-testid="held-code" className="relative overflow-hidden rounded-2xl bg-brand-900 p-4 text-white shadow-sm sm:p-5">
                  <div aria-hidden className="pointer-events-none absolute inset-0 opacity-60 [background:radial-gradient(18rem_10rem_at_100%_0%,var(--brand),transparent)]" />
                  <div className="relative">
                    <p className="text-2xl font-black leading-tight">{headline(c.summary, locale)}</p>
                    <p className="mt-1 text-sm text-white/80">{c.name}</p>
                    <p className="mt-4 text-xs font-semibold uppercase tracking-widest text-white/70">{t("cabinet.offers.code")}</p>
                    <p
                      data-testid="held-code-value"
                      className="mt-1 inline-block select-all break-all rounded-xl bg-white px-3 py-2 font-mono text-lg font-bold tracking-wider text-slate-900 sm:text-xl"
                    >
                      {c.code}
                    </p>
                    <p className="mt-3 flex items-center gap-1.5 text-sm text-white/85">
                      <Icon name="clock" className="size-4 shrink-0" />
                      {until(c.expiresAt)}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </Panel>

      <Panel density="roomy" title={t("cabinet.offers.offers")} id="my-offers">
        {offers.length === 0 ? (
          <EmptyState icon={<Icon name="offers" className="size-6" />} text={t("cabinet.offers.empty")} />
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {offers.map((o) => (
              <li key={o.code} data-testid="offer" className="flex flex-col rounded-2xl p-4 ring-1 ring-slate-200 sm:p-5">
                <div className="flex items-start gap-3">
                  <span aria-hidden className="grid size-10 shrink-0 place-items-center rounded-full bg-brand-50 text-brand-700">
                    <Icon name="offers" className="size-5" />
                  </span>
                  <div className="min-w-0">
                    <p className="text-lg font-black leading-tight text-brand-700">{headline(o.summary, locale)}</p>
                    <h3 className="mt-1 font-semibold text-slate-900">{o.name}</h3>
                  </div>
                </div>
                {o.description && <p className="mt-2 text-sm text-slate-600">{o.description}</p>}
                <div className="mt-auto flex flex-wrap items-center gap-2 pt-3 text-sm text-slate-600">
                  {o.promoCode && <Badge tone="brand">{t("cabinet.offers.withCode", { code: o.promoCode })}</Badge>}
                  <span>{until(o.validUntil)}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}
