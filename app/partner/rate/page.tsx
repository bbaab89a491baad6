// The partner's earn rate: what the program's rules give now, the range the owner allows, the
// form to change it (a new program version) and the partner's own changes.
import { notFound } from "next/navigation";
import { Facts, PageHeader } from "@/components/admin/page-header";
import { RateForm } from "@/components/partner/rate-form";
import { Panel } from "@/components/ui/card";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { bpToPercent, partnerEarnRate, partnerRateHistory } from "@/lib/partner/earn-rate";
import { partnerInfo } from "@/lib/partner/partner-info";
import { requirePartner } from "@/lib/partner/session";
import { changeRateAction } from "./actions";

export const generateMetadata = pageTitle("title.partner.rate");

export default async function PartnerRatePage() {
  const me = await requirePartner();
  const [info, rate, history] = await Promise.all([partnerInfo(db(), me.partnerId), partnerEarnRate(db(), me.partnerId), partnerRateHistory(db(), me.partnerId)]);
  if (!info) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const pct = (bp: number) => `${new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", { maximumFractionDigits: 2 }).format(bpToPercent(bp))} %`;
  return (
    <>
      <PageHeader title={t("partner.rate.title")} description={t("partner.rate.lead")} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel title={t("partner.rate.current")}>
          <p className="text-4xl font-bold tabular-nums tracking-tight text-slate-900" data-testid="current-rate">
            {rate.rateBp === null ? "—" : pct(rate.rateBp)}
          </p>
          {rate.version !== null && <p className="mt-1 text-sm text-slate-500">{t("partner.rate.version", { version: rate.version })}</p>}
          <div className="mt-5 border-t border-slate-100 pt-4">
            <Facts
              items={[
                {
                  label: t("partner.rate.bounds"),
                  value: rate.bounds ? <span data-testid="rate-bounds">{`${pct(rate.bounds.minBp)} – ${pct(rate.bounds.maxBp)}`}</span> : t("partner.rate.noBoundsYet"),
                },
              ]}
            />
          </div>
          {rate.bounds && rate.rateBp !== null && (
            <div className="mt-5">
              <RateForm action={changeRateAction} current={bpToPercent(rate.rateBp)} min={bpToPercent(rate.bounds.minBp)} max={bpToPercent(rate.bounds.maxBp)} />
            </div>
          )}
        </Panel>
        <Panel title={t("partner.rate.history")} className="self-start">
          {history.length === 0 ? (
            <p className="text-sm text-slate-500">{t("partner.rate.noHistory")}</p>
          ) : (
            <ol className="space-y-3" data-testid="rate-history">
              {history.map((h, i) => (
                <li key={i} className="border-l-2 border-slate-200 pl-3 text-sm">
                  <p className="font-medium text-slate-900">{t("partner.rate.historyLine", { from: h.fromPercent, to: h.toPercent, version: h.version })}</p>
                  <p className="text-xs text-slate-500">{formatDate(locale, h.at, info.program.timezone, { dateStyle: "medium", timeStyle: "short" })}</p>
                </li>
              ))}
            </ol>
          )}
        </Panel>
      </div>
    </>
  );
}
