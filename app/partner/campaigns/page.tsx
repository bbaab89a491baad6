// The partner's campaigns: what the owner allows, and every campaign with its status (running,
// planned, awaiting approval, rejected …), dates, reward and use at the till.
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/admin/data-table";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Panel } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatMoney, formatNumber } from "@/lib/i18n/translate";
import { campaignBounds } from "@/lib/partner/campaigns/bounds";
import { listPartnerCampaigns } from "@/lib/partner/campaigns/campaigns";
import { campaignName, rewardText, STATE_TONE } from "@/lib/partner/campaigns/words";
import { partnerInfo } from "@/lib/partner/partner-info";
import { requirePartner } from "@/lib/partner/session";

export const generateMetadata = pageTitle("title.partner.campaigns");

export default async function PartnerCampaignsPage() {
  const me = await requirePartner();
  const at = now();
  const [info, rows, bounds] = await Promise.all([partnerInfo(db(), me.partnerId), listPartnerCampaigns(db(), { partnerId: me.partnerId, now: at }), campaignBounds(db(), me.partnerId)]);
  if (!info) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const tz = info.program.timezone;
  const money = (minor: number) => formatMoney(locale, minor, info.program.currency);
  const day = (d: Date) => formatDate(locale, d, tz, { day: "numeric", month: "short", year: "numeric" });
  const newButton = (
    <ButtonLink href="/partner/campaigns/new" variant="primary">
      + {t("partner.cmp.new")}
    </ButtonLink>
  );
  return (
    <>
      <PageHeader title={t("partner.cmp.title")} description={t("partner.cmp.lead", { program: info.program.name })} actions={newButton} />
      <Panel title={t("partner.cmp.bounds.heading")} className="mb-6">
        <ul className="space-y-1 text-sm text-slate-700" data-testid="campaign-bounds">
          <li>{t("partner.cmp.bounds.effects", { effects: bounds.effectTypes.map((e) => t(`partner.cmp.effect.${e}`)).join(", ") })}</li>
          <li>{t("partner.cmp.bounds.maxPercent", { max: formatNumber(locale, bounds.maxPercent) })}</li>
          {bounds.maxBudgetMoney !== null && <li>{t("partner.cmp.bounds.money", { amount: money(bounds.maxBudgetMoney) })}</li>}
          {bounds.maxBudgetPoints !== null && <li>{t("partner.cmp.bounds.points", { points: formatNumber(locale, bounds.maxBudgetPoints) })}</li>}
          <li className="font-medium">{bounds.requireApproval ? t("partner.cmp.bounds.approval") : t("partner.cmp.bounds.noApproval")}</li>
        </ul>
      </Panel>
      {rows.length === 0 ? (
        <EmptyState title={t("partner.cmp.empty")} text={t("partner.cmp.emptyText")} action={newButton} />
      ) : (
        <DataTable
          caption={t("partner.cmp.title")}
          columns={[
            { id: "name", header: t("partner.cmp.col.name") },
            { id: "state", header: t("partner.cmp.col.state") },
            { id: "dates", header: t("partner.cmp.col.dates"), hideBelow: "md" },
            { id: "reward", header: t("partner.cmp.col.reward"), hideBelow: "sm" },
            { id: "uses", header: t("partner.cmp.col.uses"), align: "right" },
            { id: "given", header: t("partner.cmp.col.given"), align: "right", hideBelow: "md" },
          ]}
          rows={rows.map((r) => ({
            id: r.code,
            href: `/partner/campaigns/${r.code}`,
            cells: {
              name: (
                <Link href={`/partner/campaigns/${r.code}`} className="font-medium text-slate-900 hover:underline" data-testid="campaign-link">
                  {campaignName(r.def, locale)}
                </Link>
              ),
              state: (
                <span className="flex flex-wrap gap-1">
                  <Badge tone={STATE_TONE[r.state]}>{t(`partner.cmp.state.${r.state}`)}</Badge>
                  {r.pending && r.state !== "awaiting_approval" && <Badge tone="amber">{t("partner.cmp.pendingChange")}</Badge>}
                </span>
              ),
              dates: t("partner.cmp.dates", { from: r.from ? day(r.from) : "—", to: r.to ? day(new Date(r.to.getTime() - 1)) : t("partner.cmp.open") }),
              reward: rewardText(r.def, t, money),
              uses: <span className="tabular-nums">{formatNumber(locale, r.uses)}</span>,
              given: (
                <span className="tabular-nums">
                  {r.discount > 0 ? t("partner.cmp.givenMoney", { money: money(r.discount) }) : r.points > 0 ? t("partner.cmp.givenPoints", { points: formatNumber(locale, r.points) }) : "—"}
                </span>
              ),
            },
          }))}
        />
      )}
    </>
  );
}
