// Dashboard: balances, pending and expiring points, the promo code the fan holds, the status with
// its benefits and the progress toward the next one, recent receipts.
import { pageTitle } from "@/lib/i18n/server";
import Link from "next/link";
import { pointsSummary } from "@/lib/customers/balances";
import { listReceipts } from "@/lib/customers/history";
import { myCodes } from "@/lib/customers/offers";
import { now } from "@/lib/clock";
import { formatDate, formatMoney, formatNumber } from "@/lib/i18n/translate";
import { promoText, type PromotionText } from "@/lib/promotions/definition";
import { customerTierView } from "@/lib/tiers/progress";
import { ProgressBar, TierChip } from "@/components/cabinet/ui";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { Panel } from "@/components/ui/card";
import { Icon } from "@/components/cabinet/icons";
import { criterionLabel, criterionText, headline, lastDay, pts } from "@/components/cabinet/format";
import { loadCabinet } from "../../_lib/context";

export const generateMetadata = pageTitle("title.cabinet.home");

export default async function DashboardPage() {
  const { customer, program, t, locale, db } = await loadCabinet();
  const tz = program.timezone;
  const [points, view, recent, codes] = await Promise.all([
    pointsSummary(db, customer.id),
    customerTierView(db, customer.id, undefined, locale),
    listReceipts(db, customer, { pageSize: 3 }),
    myCodes(db, { programId: program.id, customerId: customer.id, at: now(), locale, currency: program.currency }),
  ]);
  const date = (d: Date) => formatDate(locale, d, tz, { day: "numeric", month: "long" });
  const alt = view.next ? view.next.alternatives[view.next.closest] : null;
  const profileIncomplete = !customer.firstName || !customer.birthDate;
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-black tracking-tight sm:text-3xl">{customer.firstName ? t("cabinet.home.hello", { name: customer.firstName }) : t("cabinet.home.helloAnon")}</h1>
      </div>
      {profileIncomplete && (
        <div className="flex flex-col gap-3 rounded-2xl bg-amber-50 p-4 ring-1 ring-amber-200 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm text-amber-900">{t("cabinet.home.completeProfile")}</p>
          <ButtonLink size="lg" href="/cabinet/profile" variant="secondary" className="shrink-0">
            {t("cabinet.home.completeProfileCta")}
          </ButtonLink>
        </div>
      )}

      <div className="grid gap-5 lg:grid-cols-[1.15fr_1fr]">
        <section aria-labelledby="balance" className="relative overflow-hidden rounded-3xl bg-brand-900 p-5 text-white shadow-lg sm:p-7">
          <div aria-hidden className="pointer-events-none absolute inset-0 opacity-60 [background:radial-gradient(30rem_16rem_at_100%_0%,var(--brand),transparent)]" />
          <div className="relative">
            <div className="flex items-start justify-between gap-3">
              <h2 id="balance" className="text-sm font-semibold uppercase tracking-widest text-white/75">
                {t("cabinet.home.balance")}
              </h2>
              <TierChip name={view.tier.name} color={view.tier.color} />
            </div>
            <p className="mt-3 text-5xl font-black tabular-nums tracking-tight sm:text-6xl" data-testid="balance-main">
              {formatNumber(locale, points.main.available)}
            </p>
            <p className="text-sm text-white/75">
              {t("cabinet.home.main")} · {t("cabinet.points")}
            </p>
            <dl className="mt-6 grid grid-cols-2 gap-3 text-sm">
              <div className="rounded-2xl bg-white/10 p-3">
                <dt className="text-white/70">{t("cabinet.home.promo")}</dt>
                <dd className="mt-0.5 text-xl font-bold tabular-nums" data-testid="balance-promo">
                  {formatNumber(locale, points.promo.available)}
                </dd>
                {points.promo.byPromotion.length > 0 && (
                  <dd>
                    <ul className="mt-2 space-y-1 text-xs text-white/80" data-testid="promo-by-promotion">
                      {points.promo.byPromotion.map((b) => (
                        <li key={b.promotionId ?? "any"}>
                          <span className="font-semibold tabular-nums text-white">{formatNumber(locale, b.points)}</span>{" "}
                          {b.promotionId ? t("cabinet.home.promoFor", { name: promoText(b.name as PromotionText, locale) }) : t("cabinet.home.promoAny")}
                          {b.soonestExpiry && <> · {t("cabinet.home.promoUntil", { date: date(b.soonestExpiry) })}</>}
                        </li>
                      ))}
                    </ul>
                  </dd>
                )}
              </div>
              <div className="rounded-2xl bg-white/10 p-3">
                <dt className="text-white/70">{t("cabinet.home.pending")}</dt>
                <dd className="mt-0.5 text-xl font-bold tabular-nums">{formatNumber(locale, points.main.pending + points.promo.pending)}</dd>
              </div>
            </dl>
            <div className="mt-5 flex flex-wrap gap-2">
              <ButtonLink size="lg" href="/cabinet/card" variant="light">
                <Icon name="card" />
                {t("cabinet.home.showCard")}
              </ButtonLink>
              <Link href="/cabinet/catalog" className="inline-flex min-h-11 items-center gap-2 rounded-xl px-4 text-sm font-semibold text-white ring-1 ring-white/40 hover:bg-white/10">
                <Icon name="catalog" />
                {t("cabinet.home.spend")}
              </Link>
            </div>
          </div>
        </section>

        <div className="grid gap-5">
          <Panel density="roomy" title={t("cabinet.home.pending")}>
            {points.pending.length === 0 ? (
              <p className="text-sm text-slate-500">{t("cabinet.home.nothingPending")}</p>
            ) : (
              <ul className="space-y-1.5 text-sm">
                {points.pending.map((p, i) => (
                  <li key={i} className="flex items-center gap-2">
                    <Icon name="clock" className="size-4 text-slate-500" />
                    {p.availableAt
                      ? t("cabinet.home.pendingOn", { points: pts(t, locale, p.points), date: date(p.availableAt) })
                      : t("cabinet.home.pendingValidation", { points: pts(t, locale, p.points) })}
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel density="roomy" title={t("cabinet.home.expiring")}>
            {points.expiringSoon.points > 0 ? (
              <p className="text-sm">
                <span className="text-2xl font-black tabular-nums text-amber-600">{formatNumber(locale, points.expiringSoon.points)}</span>{" "}
                <span className="text-slate-600">
                  {t("cabinet.points")} · {t("cabinet.home.expiringFirst", { date: date(points.expiringSoon.firstAt!) })}
                </span>
              </p>
            ) : (
              <p className="text-sm text-slate-500">{t("cabinet.home.nothingExpiring")}</p>
            )}
          </Panel>
        </div>
      </div>

      {codes.length > 0 && (
        <Link href="/cabinet/offers" data-testid="home-promo-code" className="flex items-center gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 hover:ring-brand-300 sm:p-5">
          <span aria-hidden className="grid size-11 shrink-0 place-items-center rounded-full bg-brand-50 text-brand-700">
            <Icon name="offers" className="size-6" />
          </span>
          <span className="min-w-0 flex-1">
            <span className="block text-sm text-slate-600">{t("cabinet.offers.homeCodes", { n: codes.length })}</span>
            <span className="block font-semibold text-slate-900">
              {headline(codes[0].summary, locale)} · <span className="font-mono tracking-wide">{codes[0].code}</span>
            </span>
          </span>
          <Icon name="chevron" className="size-5 shrink-0 text-slate-500" />
        </Link>
      )}

      <Panel
        density="roomy"
        title={t("cabinet.home.status")}
        actions={
          <Link href="/cabinet/status" className="text-sm font-semibold text-brand-700 hover:underline">
            {t("cabinet.nav.status")} →
          </Link>
        }
      >
        <div className="grid gap-6 md:grid-cols-2">
          <div>
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-2xl font-black" data-testid="tier-name">
                {view.tier.name}
              </span>
              <Badge tone="brand">{t("cabinet.home.cashback", { rate: view.tier.earnRate })}</Badge>
              {view.source === "carried" && <Badge tone="amber">{t("cabinet.home.carried")}</Badge>}
            </div>
            {view.tier.benefits.length > 0 && (
              <>
                <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">{t("cabinet.home.benefits")}</h3>
                <ul className="mt-2 space-y-1.5 text-sm text-slate-700">
                  {view.tier.benefits.map((b) => (
                    <li key={b} className="flex gap-2">
                      <Icon name="check" className="mt-0.5 size-4 shrink-0 text-brand-600" />
                      {b}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
          <div>
            {view.next && alt ? (
              <>
                <h3 className="font-semibold">{t("cabinet.home.progress", { tier: view.next.tier.name })}</h3>
                <ul className="mt-3 space-y-3">
                  {alt.criteria.map((c) => (
                    <li key={c.metric}>
                      <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
                        <span className="text-slate-600">{criterionLabel(t, c)}</span>
                        <span className="font-semibold tabular-nums">{criterionText(t, locale, c, program.currency)}</span>
                      </div>
                      <div className="mt-1.5">
                        <ProgressBar value={c.current} max={c.target} label={criterionText(t, locale, c, program.currency)} color={view.next!.tier.color} />
                      </div>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="font-semibold">{t("cabinet.home.top")}</p>
            )}
            <div className="mt-4 space-y-1 text-sm text-slate-600">
              {view.period.end && <p>{t("cabinet.home.seasonEnds", { date: formatDate(locale, lastDay(view.period.end), tz) })}</p>}
              {view.securedForNextPeriod && <p className="font-medium text-slate-800">{t("cabinet.home.secured", { tier: view.securedForNextPeriod.name })}</p>}
            </div>
          </div>
        </div>
      </Panel>

      <Panel
        density="roomy"
        title={t("cabinet.home.recent")}
        actions={
          <Link href="/cabinet/history" className="text-sm font-semibold text-brand-700 hover:underline">
            {t("cabinet.home.allHistory")} →
          </Link>
        }
      >
        {recent.items.length === 0 ? (
          <EmptyState icon={<Icon name="card" className="size-6" />} text={t("cabinet.home.noReceipts")} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {recent.items.map((r) => (
              <li key={r.id}>
                <Link href={`/cabinet/history/${r.id}`} className="-mx-2 flex items-center gap-3 rounded-xl px-2 py-3 hover:bg-slate-50">
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium">{r.summary.join(", ")}</span>
                    <span className="block truncate text-xs text-slate-500">
                      {formatDate(locale, r.at, tz, { dateStyle: "medium" })} · {r.storeName}
                    </span>
                  </span>
                  <span className="text-right">
                    <span className="block font-semibold tabular-nums">{formatMoney(locale, r.amount, program.currency)}</span>
                    {r.pointsEarned > 0 && <span className="block text-xs font-semibold text-emerald-700">+{formatNumber(locale, r.pointsEarned)}</span>}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Panel>

      <nav aria-label={t("cabinet.nav.main")} className="grid grid-cols-2 gap-3 lg:hidden">
        <ButtonLink size="lg" href="/cabinet/offers" variant="secondary" className="col-span-2">
          <Icon name="offers" />
          {t("cabinet.nav.offers")}
        </ButtonLink>
        <ButtonLink size="lg" href="/cabinet/status" variant="secondary">
          <Icon name="status" />
          {t("cabinet.nav.status")}
        </ButtonLink>
        <ButtonLink size="lg" href="/cabinet/feedback" variant="secondary">
          <Icon name="feedback" />
          {t("cabinet.nav.feedback")}
        </ButtonLink>
      </nav>
    </div>
  );
}
