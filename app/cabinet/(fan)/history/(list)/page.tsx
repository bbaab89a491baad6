// History: receipts from every channel (filters by channel and period, paginated) and the
// points ledger (every movement with its reason, expiries included).
import { pageTitle } from "@/lib/i18n/server";
import Link from "next/link";
import { CHANNELS, listLedger, listReceipts, type Channel } from "@/lib/customers/history";
import { formatDate, formatMoney, formatNumber } from "@/lib/i18n/translate";
import { Pagination, PageTitle } from "@/components/cabinet/ui";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/states";
import { Icon } from "@/components/cabinet/icons";
import { Panel } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { selectClass } from "@/components/ui/field";
import { ledgerLabel } from "@/components/cabinet/format";
import { loadCabinet } from "../../../_lib/context";

export const generateMetadata = pageTitle("title.cabinet.history");

const PERIODS = { "30d": 30, "90d": 90, "365d": 365 } as const;
type PeriodKey = keyof typeof PERIODS | "all";

type SP = { tab?: string; channel?: string; period?: string; page?: string };

export default async function HistoryPage({ searchParams }: { searchParams: Promise<SP> }) {
  const sp = await searchParams;
  const { customer, program, t, locale, db } = await loadCabinet();
  const tab = sp.tab === "points" ? "points" : "receipts";
  const channel = (CHANNELS as readonly string[]).includes(sp.channel ?? "") ? (sp.channel as Channel) : null;
  const period: PeriodKey = sp.period && sp.period in PERIODS ? (sp.period as PeriodKey) : "all";
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const tz = program.timezone;
  const href = (over: Partial<SP>) => {
    const q = new URLSearchParams({ tab, ...(channel ? { channel } : {}), ...(period !== "all" ? { period } : {}), ...over } as Record<string, string>);
    for (const [k, v] of [...q.entries()]) if (!v || (k === "page" && v === "1") || (k === "tab" && v === "receipts")) q.delete(k);
    const s = q.toString();
    return `/cabinet/history${s ? `?${s}` : ""}`;
  };
  const tabClass = (on: boolean) => `flex-1 rounded-lg py-2 text-center text-sm font-semibold ${on ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`;
  return (
    <div>
      <PageTitle title={t("cabinet.history.title")} />
      <nav aria-label={t("cabinet.history.title")} className="mb-5 flex max-w-sm rounded-xl bg-slate-200/70 p-1">
        <Link href={href({ tab: "receipts", page: "1" })} aria-current={tab === "receipts" ? "page" : undefined} className={tabClass(tab === "receipts")}>
          {t("cabinet.history.receipts")}
        </Link>
        <Link href={href({ tab: "points", page: "1" })} aria-current={tab === "points" ? "page" : undefined} className={tabClass(tab === "points")}>
          {t("cabinet.history.ledger")}
        </Link>
      </nav>
      {tab === "receipts" ? <Receipts /> : <Ledger />}
    </div>
  );

  async function Receipts() {
    const from = period === "all" ? null : new Date(Date.now() - PERIODS[period] * 86400_000);
    const list = await listReceipts(db, customer, { channel, from, page });
    return (
      <>
        <form method="get" action="/cabinet/history" className="mb-4 grid grid-cols-2 gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:flex sm:items-end">
          <div className="sm:w-56">
            <label htmlFor="channel" className="block text-xs font-semibold uppercase tracking-wide text-slate-500">
              {t("cabinet.history.channel")}
            </label>
            <select id="channel" name="channel" defaultValue={channel ?? ""} className={`mt-1 ${selectClass("lg")}`}>
              <option value="">{t("cabinet.history.channel.all")}</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`cabinet.history.channel.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="sm:w-48">
            <label htmlFor="period" className="block text-xs font-semibold uppercase tracking-wide text-slate-500">
              {t("cabinet.history.period")}
            </label>
            <select id="period" name="period" defaultValue={period === "all" ? "" : period} className={`mt-1 ${selectClass("lg")}`}>
              <option value="">{t("cabinet.history.period.all")}</option>
              {(Object.keys(PERIODS) as (keyof typeof PERIODS)[]).map((p) => (
                <option key={p} value={p}>
                  {t(`cabinet.history.period.${p}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={`${buttonClass("primary", "lg")} col-span-2 sm:col-span-1`}>
            {t("cabinet.history.apply")}
          </button>
          <p className="col-span-2 text-sm text-slate-500 sm:ml-auto sm:self-center">{t("cabinet.history.count", { n: formatNumber(locale, list.total) })}</p>
        </form>
        {list.items.length === 0 ? (
          <EmptyState icon={<Icon name="history" className="size-6" />} text={t("cabinet.history.empty")} />
        ) : (
          <ul className="space-y-3">
            {list.items.map((r) => (
              <li key={r.id}>
                <Link href={`/cabinet/history/${r.id}`} className="block rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand-500">
                  <div className="flex items-start justify-between gap-3">
                    <div className="min-w-0">
                      <p className="truncate font-semibold">
                        {r.summary.join(", ")}
                        {r.lineCount > 3 && <span className="font-normal text-slate-500"> {t("cabinet.history.moreLines", { n: r.lineCount - 3 })}</span>}
                      </p>
                      <p className="mt-0.5 truncate text-xs text-slate-500">
                        {formatDate(locale, r.at, tz, { dateStyle: "medium", timeStyle: "short" })} · {r.storeName}
                      </p>
                    </div>
                    <p className="shrink-0 text-right font-bold tabular-nums">{formatMoney(locale, r.amount, program.currency)}</p>
                  </div>
                  <div className="mt-2 flex flex-wrap gap-1.5">
                    <Badge>{t(`cabinet.history.channel.${r.channel}`)}</Badge>
                    {r.pointsEarned > 0 && (
                      <Badge tone={r.pointsPending ? "amber" : "green"}>
                        {t("cabinet.history.earned", { points: formatNumber(locale, r.pointsEarned) })}
                        {r.pointsPending && ` · ${t("cabinet.history.pending")}`}
                      </Badge>
                    )}
                    {r.pointsRedeemed > 0 && <Badge tone="brand">{t("cabinet.history.spent", { points: formatNumber(locale, r.pointsRedeemed) })}</Badge>}
                    {r.returned > 0 && <Badge tone="red">{t("cabinet.history.returned", { amount: formatMoney(locale, r.returned, program.currency) })}</Badge>}
                    {r.status === "cancelled" && <Badge tone="red">{t("cabinet.history.cancelled")}</Badge>}
                  </div>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <Pagination
          page={list.page}
          pages={list.pages}
          hrefFor={(p) => href({ page: String(p) })}
          labels={{ prev: t("cabinet.prev"), next: t("cabinet.next"), pageOf: t("cabinet.pageOf", { page: list.page, pages: list.pages }) }}
        />
      </>
    );
  }

  async function Ledger() {
    const list = await listLedger(db, customer.id, { page });
    if (list.items.length === 0) return <EmptyState icon={<Icon name="history" className="size-6" />} text={t("cabinet.history.emptyLedger")} />;
    return (
      <Panel density="roomy">
        <ul className="divide-y divide-slate-100">
          {list.items.map((e) => (
            <li key={e.id} className="flex items-center gap-3 py-3">
              <span
                aria-hidden
                className={`grid size-9 shrink-0 place-items-center rounded-full text-sm font-bold ${e.points > 0 ? "bg-emerald-50 text-emerald-700" : e.points < 0 ? "bg-red-50 text-red-700" : "bg-slate-100 text-slate-500"}`}
              >
                {e.points > 0 ? "+" : e.points < 0 ? "−" : "·"}
              </span>
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium">
                  {ledgerLabel(t, e.type, e.reason)}
                  {e.note && e.reason !== "manual" && <span className="font-normal text-slate-500"> · {e.note}</span>}
                  {e.account === "promo" && (
                    <>
                      {" "}
                      <Badge>{t("cabinet.ledger.promo")}</Badge>
                    </>
                  )}
                </p>
                <p className="truncate text-xs text-slate-500">
                  {formatDate(locale, e.at, tz, { dateStyle: "medium", timeStyle: "short" })}
                  {e.purchaseId && (
                    <>
                      {" "}
                      ·{" "}
                      <Link className="font-medium text-brand-700 underline underline-offset-2" href={`/cabinet/history/${e.purchaseId}`}>
                        {t("cabinet.ledger.receipt")}
                      </Link>
                    </>
                  )}
                  {e.pending && <> · {t("cabinet.history.pending")}</>}
                </p>
              </div>
              <span className={`shrink-0 font-bold tabular-nums ${e.points > 0 ? "text-emerald-700" : e.points < 0 ? "text-red-700" : "text-slate-500"}`}>
                {e.points > 0 ? "+" : e.points < 0 ? "−" : ""}
                {formatNumber(locale, Math.abs(e.points))}
              </span>
            </li>
          ))}
        </ul>
        <Pagination
          page={list.page}
          pages={list.pages}
          hrefFor={(p) => href({ page: String(p) })}
          labels={{ prev: t("cabinet.prev"), next: t("cabinet.next"), pageOf: t("cabinet.pageOf", { page: list.page, pages: list.pages }) }}
        />
      </Panel>
    );
  }
}
