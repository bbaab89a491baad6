// Customer 360: profile, balances, status, cards, ledger, receipts with lines, status history,
// achievements, visits, segments, feedback, catalog vouchers, the member's messages (with
// messages.view) and the audit trail, plus the
// support actions the role allows.
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { Facts, PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { requirePermission, can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatMoney, formatNumber } from "@/lib/i18n/translate";
import { customerTierView } from "@/lib/tiers/progress";
import { loadCustomer, mergeOf } from "@/lib/admin/customer-360";
import { now } from "@/lib/clock";
import { promoBalancesView } from "@/lib/ledger/promo-balances";
import { promoText, type PromotionText } from "@/lib/promotions/definition";
import { programInfo } from "@/lib/admin/program-info";
import { param, type SearchParams } from "@/lib/admin/table-params";
import { CustomerActions } from "./customer-actions";
import { MemberMessages } from "./messages";
import { AuditTrail, Engagement, History, Ledger, Receipts, Segments } from "./sections";

export const generateMetadata = pageTitle("title.console.customer");

export default async function CustomerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const staff = await requirePermission("customers.view");
  const { id } = await params;
  const sp = await searchParams;
  const { t, locale } = await getT();
  const customer = await loadCustomer(db(), staff.programId, id);
  if (!customer) notFound();
  const merged = await mergeOf(db(), customer.id);
  if (merged) redirect(`/admin/customers/${merged.keptId}?merged=${customer.id}`);
  const program = await programInfo(db(), staff.programId, locale);
  const tierView = await customerTierView(db(), customer.id, undefined, locale).catch(() => null);
  const tz = program.timezone;
  const date = (d: Date | null | undefined, style: "medium" | "short" = "medium") => (d ? formatDate(locale, d, tz, { dateStyle: style }) : "—");
  const dateTime = (d: Date) => formatDate(locale, d, tz, { dateStyle: "medium", timeStyle: "short" });
  const name = [customer.firstName, customer.lastName].filter(Boolean).join(" ") || t("console.customers.noName");
  const main = customer.accounts.find((a) => a.kind === "main");
  const promo = customer.accounts.find((a) => a.kind === "promo");
  const promoByPromotion = promo?.available ? await promoBalancesView(db(), customer.id, now()) : [];
  const role = staff.role;
  const allow = {
    adjust: can(role, "points.adjust"),
    tier: can(role, "customers.setTier"),
    block: can(role, "customers.block"),
    card: can(role, "customers.issueCard"),
    merge: can(role, "customers.merge"),
  };
  const anyAction = Object.values(allow).some(Boolean);
  const ledPage = Math.max(1, Number(param(sp, "ledPage") ?? 1) || 1);
  const rcpPage = Math.max(1, Number(param(sp, "rcpPage") ?? 1) || 1);
  const msgPage = Math.min(1000, Math.max(1, Math.floor(Number(param(sp, "msgPage") ?? 1)) || 1));
  const fmt = { locale, tz, currency: program.currency, date, dateTime, t };

  return (
    <>
      <PageHeader
        back={{ href: "/admin/customers", label: t("console.customers.title") }}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {name}
            {customer.status === "blocked" ? <Badge tone="red">{t("console.customers.status.blocked")}</Badge> : <Badge tone="green">{t("console.customers.status.active")}</Badge>}
            {tierView && <Badge tone="brand">{tierView.tier.name}</Badge>}
          </span>
        }
        description={<span className="font-mono text-xs">{customer.id}</span>}
      />
      {param(sp, "merged") && (
        <p role="status" className="mb-4 rounded-lg bg-sky-50 px-4 py-2 text-sm text-sky-900 ring-1 ring-sky-200">
          {t("console.c360.mergedNotice", { id: param(sp, "merged")! })}
        </p>
      )}

      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <div className="grid gap-6 lg:grid-cols-2">
            <Panel title={t("console.c360.profile")}>
              <Facts
                items={[
                  {
                    label: t("console.c360.phone"),
                    value: customer.phone ? (
                      <span className="tabular-nums">
                        {customer.phone}
                        {customer.phoneVerifiedAt ? " ✓" : ""}
                      </span>
                    ) : null,
                  },
                  { label: t("console.c360.email"), value: customer.email },
                  { label: t("console.c360.birthDate"), value: customer.birthDate ? formatDate(locale, customer.birthDate, "UTC", { dateStyle: "medium" }) : null },
                  { label: t("console.customers.channel"), value: t(`console.channel.${customer.registrationChannel}`) },
                  { label: t("console.customers.col.created"), value: date(customer.createdAt) },
                  { label: t("console.c360.consents"), value: [customer.emailConsent && "email", customer.smsConsent && "SMS"].filter(Boolean).join(", ") || t("console.c360.noConsents") },
                ]}
              />
            </Panel>
            <Panel title={t("console.c360.balances")}>
              <div className="grid grid-cols-2 gap-4" data-testid="balances">
                <Balance label={t("console.c360.main")} value={main?.available ?? 0} locale={locale} testId="balance-main" />
                <Balance label={t("console.c360.promo")} value={promo?.available ?? 0} locale={locale} />
              </div>
              {promoByPromotion.length > 0 && (
                <ul className="mt-3 space-y-1 text-xs text-slate-600" data-testid="promo-by-promotion" aria-label={t("console.c360.promoByPromotion")}>
                  {promoByPromotion.map((b) => (
                    <li key={b.promotionId ?? "any"} className="flex justify-between gap-3">
                      <span>
                        {b.code ? (
                          <Link href={`/admin/promotions/${encodeURIComponent(b.code)}`} className="text-brand-700 underline">
                            {promoText(b.name as PromotionText, locale)}
                          </Link>
                        ) : (
                          t("console.c360.promoAny")
                        )}
                        {b.soonestExpiry && <> · {t("console.c360.promoUntil", { date: date(b.soonestExpiry) })}</>}
                      </span>
                      <span className="font-semibold tabular-nums text-slate-900">{formatNumber(locale, b.points)}</span>
                    </li>
                  ))}
                </ul>
              )}
              <dl className="mt-4 grid grid-cols-3 gap-2 text-xs text-slate-600">
                <div>
                  <dt>{t("console.c360.pending")}</dt>
                  <dd className="font-semibold tabular-nums text-slate-900">{formatNumber(locale, (main?.pending ?? 0) + (promo?.pending ?? 0))}</dd>
                </div>
                <div>
                  <dt>{t("console.c360.held")}</dt>
                  <dd className="font-semibold tabular-nums text-slate-900">{formatNumber(locale, (main?.held ?? 0) + (promo?.held ?? 0))}</dd>
                </div>
                <div>
                  <dt>{t("console.c360.debt")}</dt>
                  <dd className="font-semibold tabular-nums text-slate-900">{formatNumber(locale, (main?.debt ?? 0) + (promo?.debt ?? 0))}</dd>
                </div>
              </dl>
            </Panel>
          </div>

          {tierView && (
            <Panel title={t("console.c360.status")}>
              <div className="flex flex-wrap items-baseline gap-x-6 gap-y-2">
                <p className="text-xl font-bold">{tierView.tier.name}</p>
                <p className="text-sm text-slate-600">
                  {t(`console.c360.source.${tierView.source}`)} · {t("console.c360.since", { date: date(tierView.since) })}
                </p>
                {tierView.manual && <Badge tone="amber">{tierView.manual.until ? t("console.c360.manualUntil", { date: date(tierView.manual.until) }) : t("console.c360.manualForever")}</Badge>}
              </div>
              <dl className="mt-4 grid grid-cols-3 gap-4 text-sm">
                <div>
                  <dt className="text-slate-500">{t("console.c360.metric.spend")}</dt>
                  <dd className="font-semibold tabular-nums">{formatMoney(locale, tierView.metrics.spend, program.currency)}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">{t("console.c360.metric.visits")}</dt>
                  <dd className="font-semibold tabular-nums">{formatNumber(locale, tierView.metrics.visits)}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">{t("console.c360.metric.purchases")}</dt>
                  <dd className="font-semibold tabular-nums">{formatNumber(locale, tierView.metrics.purchases)}</dd>
                </div>
              </dl>
              {tierView.next && (
                <p className="mt-3 text-sm text-slate-600">
                  {t("console.c360.next", { tier: tierView.next.tier.name })}{" "}
                  {tierView.next.alternatives[tierView.next.closest]?.criteria
                    .filter((c) => c.missing > 0)
                    .map((c) => (c.metric === "spend" ? formatMoney(locale, c.missing, program.currency) : `${formatNumber(locale, c.missing)} ${t(`console.c360.metric.${c.metric}`).toLowerCase()}`))
                    .join(" + ")}
                </p>
              )}
            </Panel>
          )}

          <Ledger customerId={customer.id} page={ledPage} fmt={fmt} />
          <Receipts customerId={customer.id} page={rcpPage} fmt={fmt} />
          <History customerId={customer.id} fmt={fmt} />
          <Engagement customerId={customer.id} fmt={fmt} />
          {can(role, "messages.view") && <MemberMessages programId={staff.programId} customerId={customer.id} page={msgPage} fmt={fmt} />}
          <AuditTrail programId={staff.programId} customer={customer} fmt={fmt} />
        </div>

        <aside className="min-w-0 space-y-6">
          {anyAction && (
            <CustomerActions customerId={customer.id} blocked={customer.status === "blocked"} tiers={program.tiers} manualTier={tierView?.manual?.tierCode ?? null} allow={allow} name={name} />
          )}
          <Panel title={t("console.c360.cards")}>
            <ul className="space-y-2">
              {customer.cards.map((c) => (
                <li key={c.id} className="flex items-center justify-between gap-2 text-sm">
                  <span className="font-mono">{c.number}</span>
                  <span className="flex items-center gap-2">
                    <span className="text-xs text-slate-500">{date(c.issuedAt, "short")}</span>
                    <Badge tone={c.status === "active" ? "green" : c.status === "blocked" ? "red" : "neutral"}>{t(`console.c360.card.${c.status}`)}</Badge>
                  </span>
                </li>
              ))}
              {customer.cards.length === 0 && <li className="text-sm text-slate-500">{t("console.c360.noCards")}</li>}
            </ul>
          </Panel>
          <Segments programId={staff.programId} customerId={customer.id} t={t} />
          <p className="text-xs text-slate-500">
            <Link href={`/admin/audit?entityId=${customer.id}`} className="hover:underline">
              {t("console.c360.fullAudit")}
            </Link>
          </p>
        </aside>
      </div>
    </>
  );
}

function Balance({ label, value, locale, testId }: { label: string; value: number; locale: "ru" | "en"; testId?: string }) {
  return (
    <div className="rounded-xl bg-brand-50 p-4">
      <p className="text-xs font-medium uppercase tracking-wide text-brand-700">{label}</p>
      <p className="mt-1 text-2xl font-bold tabular-nums text-brand-900" data-testid={testId}>
        {formatNumber(locale, value)}
      </p>
    </div>
  );
}
