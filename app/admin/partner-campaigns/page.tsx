// Partner campaigns (owner): the versions partners submitted, each with what it would replace and
// Approve / Reject with a note; and per partner, the bounds its campaigns must stay within.
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-header";
import { BoundsForm, ReviewDecision } from "@/components/admin/partner-campaigns/forms";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { programZone } from "@/lib/admin/program-info";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatMoney } from "@/lib/i18n/translate";
import { PARTNER_EFFECTS, partnersWithBounds } from "@/lib/partner/campaigns/bounds";
import { listPendingReviews } from "@/lib/partner/campaigns/review";
import { campaignName, rewardText } from "@/lib/partner/campaigns/words";

export const generateMetadata = pageTitle("title.console.partnerCampaigns");

export default async function PartnerCampaignsConsolePage() {
  const staff = await requirePermission("partners.campaigns");
  const { t, locale } = await getT();
  const [program, reviews, partners] = await Promise.all([programZone(db(), staff.programId), listPendingReviews(db(), staff.programId), partnersWithBounds(db(), staff.programId)]);
  if (!program) notFound();
  const money = (minor: number) => formatMoney(locale, minor, program.currency);
  const when = (d: Date) => formatDate(locale, d, program.timezone, { dateStyle: "medium", timeStyle: "short" });
  const day = (iso: string | null | undefined) => (iso ? formatDate(locale, new Date(iso), program.timezone, { day: "numeric", month: "short" }) : "…");
  return (
    <>
      <PageHeader title={t("console.pcmp.title")} description={t("console.pcmp.lead")} />
      <section aria-labelledby="queue" className="mb-8">
        <h2 id="queue" className="mb-3 text-lg font-semibold text-slate-900">
          {t("console.pcmp.queue")} <span className="text-slate-500">({reviews.length})</span>
        </h2>
        {reviews.length === 0 ? (
          <EmptyState title={t("console.pcmp.queueEmpty")} />
        ) : (
          <ul className="space-y-4">
            {reviews.map((r) => {
              const name = campaignName(r.def, locale);
              return (
                <li key={r.id} data-testid="review-row" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
                  <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
                    <div className="min-w-0 space-y-1 text-sm">
                      <p className="flex flex-wrap items-center gap-2">
                        <Badge tone="brand">{r.partner.name}</Badge>
                        <Badge tone={r.current ? "amber" : "blue"}>{r.current ? t("console.pcmp.change", { version: r.current.version }) : t("console.pcmp.newCampaign")}</Badge>
                      </p>
                      <h3 className="text-base font-semibold text-slate-900">{name}</h3>
                      <p className="text-slate-700">
                        {rewardText(r.def, t, money)} · {day(r.def.validity?.from)} – {day(r.def.validity?.to)}
                      </p>
                      {r.current && (
                        <p className="text-slate-500">
                          {campaignName(r.current.def, locale)}: {rewardText(r.current.def, t, money)} · {day(r.current.def.validity?.from)} – {day(r.current.def.validity?.to)}
                        </p>
                      )}
                      <p className="text-xs text-slate-500">
                        {t("console.pcmp.col.submitted")}: {when(r.submittedAt)}
                        {r.submittedBy ? ` · ${r.submittedBy}` : ""} · {r.code}
                      </p>
                    </div>
                    <ReviewDecision reviewId={r.id} name={name} />
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="bounds">
        <h2 id="bounds" className="text-lg font-semibold text-slate-900">
          {t("console.pcmp.bounds")}
        </h2>
        <p className="mb-3 text-sm text-slate-600">{t("console.pcmp.boundsLead")}</p>
        <div className="grid gap-6 xl:grid-cols-2">
          {partners.map((p) => (
            <Panel
              key={p.id}
              id={`bounds-${p.code}`}
              title={
                <span className="flex flex-wrap items-center gap-2">
                  {p.name}
                  {!p.configured && <Badge tone="neutral">{t("console.pcmp.defaults")}</Badge>}
                  <Badge tone="green">{t("console.pcmp.running", { count: p.campaigns })}</Badge>
                </span>
              }
            >
              <BoundsForm partnerId={p.id} partnerName={p.name} bounds={p.bounds} effects={PARTNER_EFFECTS} currency={program.currency} />
            </Panel>
          ))}
        </div>
      </section>
    </>
  );
}
