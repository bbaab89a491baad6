// One of the partner's campaigns: its state and where its approval stands (the owner's note on a
// rejection), what it gives and where, its use at the till, its codes, and the approvals history.
// Another partner's or the owner's promotion is a 404.
import { notFound } from "next/navigation";
import { Facts, PageHeader } from "@/components/admin/page-header";
import { CampaignStatusActions, GenerateCodesForm } from "@/components/partner/campaign-actions";
import { Badge } from "@/components/ui/badge";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Panel } from "@/components/ui/card";
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatMoney, formatNumber } from "@/lib/i18n/translate";
import { getPartnerCampaign } from "@/lib/partner/campaigns/campaigns";
import { campaignName, rewardText, STATE_TONE } from "@/lib/partner/campaigns/words";
import { partnerInfo } from "@/lib/partner/partner-info";
import { requirePartner } from "@/lib/partner/session";
import { partnerStoreOptions } from "@/lib/partner/stores";

export const generateMetadata = pageTitle("title.partner.campaign");

export default async function PartnerCampaignPage({ params }: { params: Promise<{ code: string }> }) {
  const me = await requirePartner();
  const { code } = await params;
  const info = await partnerInfo(db(), me.partnerId);
  if (!info) notFound();
  const c = await getPartnerCampaign(db(), { programId: me.programId, partnerId: me.partnerId, code, now: now() }).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const stores = await partnerStoreOptions(db(), me.partnerId);
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const tz = info.program.timezone;
  const money = (minor: number) => formatMoney(locale, minor, info.program.currency);
  const num = (x: number) => formatNumber(locale, x);
  const day = (d: Date) => formatDate(locale, d, tz, { day: "numeric", month: "long", year: "numeric" });
  const name = campaignName(c.def, locale);
  const storeNames = new Map(stores.map((s) => [s.code, s.name]));
  const items = [...(c.def.basket?.items?.categories ?? []), ...(c.def.basket?.items?.skus ?? [])];
  const budget = c.def.limits?.budget;
  const lastNote = c.review?.status === "rejected" ? c.review.note : null;
  return (
    <>
      <PageHeader
        title={<span data-testid="campaign-title">{name}</span>}
        description={rewardText(c.def, t, money)}
        back={{ href: "/partner/campaigns", label: t("partner.cmp.back") }}
        actions={
          <div className="flex flex-wrap gap-2">
            {c.state !== "ended" && (
              <ButtonLink href={`/partner/campaigns/${c.code}/edit`} variant="secondary">
                {t("partner.cmp.edit")}
              </ButtonLink>
            )}
            <CampaignStatusActions code={c.code} name={name} state={c.state} />
          </div>
        }
      />
      {(c.pending || c.state === "rejected") && (
        <div role="status" className="mb-6 rounded-2xl bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="campaign-approval">
          {c.state === "rejected"
            ? t("partner.cmp.d.rejected")
            : c.state === "awaiting_approval"
              ? t("partner.cmp.bounds.approval")
              : t("partner.cmp.d.pendingChange", { version: c.pending!.version })}
          {lastNote && <p className="mt-1 font-medium">{t("partner.cmp.d.note", { note: lastNote })}</p>}
        </div>
      )}
      {c.state !== "rejected" && !c.pending && lastNote && (
        <p className="mb-6 rounded-2xl bg-slate-50 p-4 text-sm text-slate-700 ring-1 ring-slate-200">{t("partner.cmp.d.note", { note: lastNote })}</p>
      )}
      <div className="grid gap-3 sm:grid-cols-3">
        {[
          { label: t("partner.cmp.d.uses"), value: num(c.uses), id: "campaign-uses" },
          { label: t("partner.cmp.d.discount"), value: money(c.discount), id: "campaign-discount" },
          { label: t("partner.cmp.d.points"), value: num(c.points), id: "campaign-points" },
        ].map((s) => (
          <div key={s.id} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <p className="text-sm text-slate-600">{s.label}</p>
            <p data-testid={s.id} className="mt-1 text-2xl font-bold tabular-nums text-slate-900">
              {s.value}
            </p>
          </div>
        ))}
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Panel title={t("partner.cmp.d.definition")}>
          <Facts
            items={[
              { label: t("partner.cmp.col.state"), value: <Badge tone={STATE_TONE[c.state]}>{t(`partner.cmp.state.${c.state}`)}</Badge> },
              { label: t("partner.cmp.d.version", { version: c.version }), value: rewardText(c.def, t, money) },
              { label: t("partner.cmp.col.dates"), value: t("partner.cmp.dates", { from: c.from ? day(c.from) : "—", to: c.to ? day(new Date(c.to.getTime() - 1)) : t("partner.cmp.open") }) },
              { label: t("partner.cmp.d.stores"), value: c.def.where?.stores?.length ? c.def.where.stores.map((s) => storeNames.get(s) ?? s).join(", ") : t("partner.cmp.d.allStores") },
              { label: t("partner.cmp.d.items"), value: items.length ? items.join(", ") : t("partner.cmp.d.allItems") },
              {
                label: t("partner.cmp.d.budget"),
                value: budget
                  ? [budget.money !== undefined ? money(budget.money) : null, budget.points !== undefined ? t("partner.cmp.givenPoints", { points: num(budget.points) }) : null]
                      .filter(Boolean)
                      .join(" · ")
                  : t("partner.cmp.d.noBudget"),
              },
            ]}
          />
        </Panel>
        <Panel title={t("partner.cmp.d.history")}>
          {c.reviews.length === 0 ? (
            <p className="text-sm text-slate-600">{t("partner.cmp.d.historyEmpty")}</p>
          ) : (
            <ol className="space-y-3 text-sm" data-testid="campaign-reviews">
              {c.reviews.map((r) => (
                <li key={r.id}>
                  <p className="font-medium text-slate-900">{t(`partner.cmp.d.review.${r.status}`, { date: day(r.decidedAt ?? r.submittedAt) })}</p>
                  {r.note && <p className="text-slate-600">{t("partner.cmp.d.note", { note: r.note })}</p>}
                </li>
              ))}
            </ol>
          )}
        </Panel>
      </div>
      {c.def.trigger === "code" && (
        <Panel title={t("partner.cmp.d.codes")} className="mt-6">
          <div className="space-y-4">
            {c.def.codes?.shared ? <p className="text-sm text-slate-700">{t("partner.cmp.d.shared", { code: c.def.codes.shared.toUpperCase() })}</p> : null}
            <p className="text-sm text-slate-700" data-testid="codes-count">
              {t("partner.cmp.d.codesCount", { total: num(c.codes.total), used: num(c.codes.used) })}
            </p>
            {c.def.codes?.unique &&
              (c.state === "awaiting_approval" || c.state === "rejected" ? (
                <p className="text-sm text-slate-600">{t("partner.cmp.d.codesAfterApproval")}</p>
              ) : (
                c.state !== "ended" && <GenerateCodesForm code={c.code} />
              ))}
            {c.codes.total > 0 && (
              <a href={`/partner/campaigns/${c.code}/codes`} className={buttonClass("secondary", "sm")} download>
                {t("partner.cmp.d.download")}
              </a>
            )}
          </div>
        </Panel>
      )}
    </>
  );
}
