// The experience catalog and "My experiences" (vouchers, cancel while unused).
import { pageTitle } from "@/lib/i18n/server";
import Link from "next/link";
import { availabilityOf, itemDescription, itemTitle, listCatalogForFan, listMyRedemptions } from "@/lib/catalog";
import { pointsSummary } from "@/lib/customers/balances";
import { formatDate, formatNumber } from "@/lib/i18n/translate";
import { customerTierView } from "@/lib/tiers/progress";
import { PageTitle, TierChip } from "@/components/cabinet/ui";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/states";
import { Icon } from "@/components/cabinet/icons";
import { ConfirmAction } from "@/components/cabinet/confirm-action";
import { pts } from "@/components/cabinet/format";
import { loadCabinet } from "../../_lib/context";
import { cancelRedemptionAction, redeemAction } from "./actions";

export const generateMetadata = pageTitle("title.cabinet.catalog");

export default async function CatalogPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  const sp = await searchParams;
  const tab = sp.tab === "mine" ? "mine" : "all";
  const { customer, program, t, locale, db } = await loadCabinet();
  const now = new Date();
  const tz = program.timezone;
  const [items, mine, points, view] = await Promise.all([
    listCatalogForFan(db, program.id, now),
    listMyRedemptions(db, customer.id),
    pointsSummary(db, customer.id, now),
    customerTierView(db, customer.id, now, locale),
  ]);
  const rank = (code: string) => view.ladder.findIndex((l) => l.tier.code === code);
  const tierOf = (code: string) => view.ladder.find((l) => l.tier.code === code)?.tier;
  const title = (i: { title: string; titleRu: string | null }) => itemTitle(i, locale);
  const desc = (i: { description: string; descriptionRu: string | null }) => itemDescription(i, locale);
  const date = (d: Date) => formatDate(locale, d, tz, { day: "numeric", month: "long" });
  const tabClass = (on: boolean) => `flex-1 rounded-lg py-2 text-center text-sm font-semibold ${on ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`;
  const active = mine.filter((r) => r.status === "issued").length;
  return (
    <div>
      <PageTitle
        title={t("cabinet.catalog.title")}
        lead={t("cabinet.catalog.lead")}
        actions={
          <p className="rounded-full bg-white px-4 py-2 text-sm font-semibold shadow-sm ring-1 ring-slate-200" data-testid="catalog-balance">
            {t("cabinet.catalog.balance", { points: pts(t, locale, points.main.available) })}
          </p>
        }
      />
      <nav aria-label={t("cabinet.catalog.title")} className="mb-5 flex max-w-sm rounded-xl bg-slate-200/70 p-1">
        <Link href="/cabinet/catalog" aria-current={tab === "all" ? "page" : undefined} className={tabClass(tab === "all")}>
          {t("cabinet.catalog.all")}
        </Link>
        <Link href="/cabinet/catalog?tab=mine" aria-current={tab === "mine" ? "page" : undefined} className={tabClass(tab === "mine")}>
          {t("cabinet.catalog.mine")}
          {active > 0 && <span className="ml-1.5 rounded-full bg-brand-600 px-1.5 text-xs text-white">{active}</span>}
        </Link>
      </nav>

      {tab === "all" ? (
        items.length === 0 ? (
          <EmptyState icon={<Icon name="ticket" className="size-6" />} text={t("cabinet.catalog.empty")} />
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {items.map((item) => {
              const v = availabilityOf(item, { tierCode: view.tier.code, balance: points.main.available }, rank, now);
              const minTier = item.minTierCode ? tierOf(item.minTierCode) : null;
              const why = v.ok
                ? null
                : v.reason === "points"
                  ? t("cabinet.catalog.notEnough", { points: pts(t, locale, v.missing ?? 0) })
                  : v.reason === "tier"
                    ? t("cabinet.catalog.locked", { tier: minTier?.name ?? item.minTierCode ?? "" })
                    : v.reason === "sold_out"
                      ? t("cabinet.catalog.soldOut")
                      : v.reason === "not_yet"
                        ? t("cabinet.catalog.notYet", { date: date(item.availableFrom!) })
                        : t("cabinet.catalog.ended");
              return (
                <li key={item.id} className="flex flex-col overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200" data-testid="catalog-item">
                  <div className="relative aspect-[16/10] bg-slate-100">
                    {item.imageUrl && (
                      // eslint-disable-next-line @next/next/no-img-element -- SVG illustrations from public/, no optimisation needed
                      <img src={item.imageUrl} alt="" className="size-full object-cover" loading="lazy" />
                    )}
                    <div className="absolute left-3 top-3 flex flex-wrap gap-1.5">{minTier && <TierChip name={t("cabinet.catalog.minTier", { tier: minTier.name })} color={minTier.color} />}</div>
                  </div>
                  <div className="flex flex-1 flex-col p-4">
                    <h2 className="text-lg font-bold leading-snug">{title(item)}</h2>
                    <p className="mt-1 line-clamp-3 flex-1 text-sm text-slate-600">{desc(item)}</p>
                    <div className="mt-3 flex flex-wrap items-center gap-1.5">
                      <span className="text-xl font-black tabular-nums text-brand-700">{formatNumber(locale, item.pointsPrice)}</span>
                      <span className="text-sm text-slate-500">{t("cabinet.points")}</span>
                      <span className="ml-auto" />
                      {item.stock === null ? (
                        <Badge tone="green">{t("cabinet.catalog.unlimited")}</Badge>
                      ) : item.stock > 0 ? (
                        <Badge tone={item.stock <= 3 ? "amber" : "neutral"}>{t("cabinet.catalog.left", { n: item.stock })}</Badge>
                      ) : (
                        <Badge tone="red">{t("cabinet.catalog.soldOut")}</Badge>
                      )}
                      {item.availableUntil && <Badge>{t("cabinet.catalog.until", { date: date(item.availableUntil) })}</Badge>}
                    </div>
                    <div className="mt-4">
                      {v.ok ? (
                        <ConfirmAction
                          action={redeemAction}
                          fields={{ itemId: item.id }}
                          withKey
                          label={t("cabinet.catalog.redeem", { points: formatNumber(locale, item.pointsPrice) })}
                          question={t("cabinet.catalog.confirmRedeem", { points: pts(t, locale, item.pointsPrice), item: title(item) })}
                          confirmLabel={t("cabinet.catalog.confirm")}
                          pendingLabel={t("cabinet.catalog.redeeming")}
                        />
                      ) : (
                        <p className="flex min-h-11 items-center justify-center rounded-xl bg-slate-100 px-3 text-center text-sm font-medium text-slate-600">{why}</p>
                      )}
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        )
      ) : mine.length === 0 ? (
        <EmptyState
          icon={<Icon name="ticket" className="size-6" />}
          text={t("cabinet.catalog.noMine")}
          action={
            <Link href="/cabinet/catalog" className="text-sm font-semibold text-brand-700 hover:underline">
              {t("cabinet.catalog.all")} →
            </Link>
          }
        />
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2">
          {mine.map((r) => (
            <li key={r.id} className={`flex gap-4 rounded-2xl p-4 shadow-sm ring-1 ring-slate-200 ${r.status !== "issued" ? "bg-slate-50" : "bg-white"}`} data-testid="my-experience">
              {r.item.imageUrl && (
                // eslint-disable-next-line @next/next/no-img-element -- SVG illustrations from public/
                <img src={r.item.imageUrl} alt="" className="hidden size-24 shrink-0 rounded-xl object-cover sm:block" />
              )}
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <h2 className="font-bold leading-snug">{title(r.item)}</h2>
                  <Badge tone={r.status === "issued" ? "green" : r.status === "used" ? "neutral" : "red"}>{t(`cabinet.catalog.status.${r.status}`)}</Badge>
                </div>
                <div className={`mt-3 rounded-xl border-2 border-dashed px-3 py-2 text-center ${r.status === "issued" ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-slate-50"}`}>
                  <p className="text-[11px] font-semibold uppercase tracking-widest text-slate-600">{t("cabinet.catalog.voucher")}</p>
                  <p className={`font-mono text-lg font-black tracking-wider ${r.status === "cancelled" ? "line-through" : ""}`} data-testid="voucher-code">
                    {r.voucherCode}
                  </p>
                </div>
                <p className="mt-2 text-xs text-slate-600">
                  {t("cabinet.catalog.bookedOn", { date: formatDate(locale, r.createdAt, tz, { dateStyle: "medium" }) })} · −{pts(t, locale, r.pointsSpent)}
                  {r.usedAt && <> · {t("cabinet.catalog.usedOn", { date: formatDate(locale, r.usedAt, tz, { dateStyle: "medium" }) })}</>}
                  {r.cancelledAt && <> · {t("cabinet.catalog.cancelledOn", { date: formatDate(locale, r.cancelledAt, tz, { dateStyle: "medium" }) })}</>}
                </p>
                {r.status === "issued" && (
                  <>
                    <p className="mt-2 text-xs text-slate-600">{t("cabinet.catalog.showVoucher")}</p>
                    <ConfirmAction
                      className="mt-3"
                      action={cancelRedemptionAction}
                      fields={{ redemptionId: r.id }}
                      variant="danger"
                      label={t("cabinet.catalog.cancelRedemption")}
                      question={t("cabinet.catalog.cancelConfirm", { points: pts(t, locale, r.pointsSpent) })}
                      confirmLabel={t("cabinet.catalog.cancelRedemption")}
                    />
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
