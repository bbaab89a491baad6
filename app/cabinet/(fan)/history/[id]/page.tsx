// One receipt: its lines, totals, returns and the points it moved. Another fan's receipt is a 404.
import { pageTitle } from "@/lib/i18n/server";
import Link from "next/link";
import { getReceipt } from "@/lib/customers/history";
import { formatDate, formatMoney, formatNumber } from "@/lib/i18n/translate";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { ledgerLabel } from "@/components/cabinet/format";
import { loadCabinet, orNotFound } from "../../../_lib/context";

export const generateMetadata = pageTitle("title.cabinet.receipt");

export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { customer, program, t, locale, db } = await loadCabinet();
  const r = await orNotFound(getReceipt(db, customer, id));
  const money = (n: number) => formatMoney(locale, n, program.currency);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link href="/cabinet/history" className="inline-flex items-center gap-1 text-sm font-semibold text-brand-700 hover:underline">
        ← {t("cabinet.back")}
      </Link>
      <div className="rounded-3xl bg-white shadow-sm ring-1 ring-slate-200">
        <div className="border-b border-dashed border-slate-300 p-5 sm:p-6">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <h1 className="text-xl font-black sm:text-2xl">{t("cabinet.receipt.title", { number: r.number })}</h1>
            <Badge>{t(`cabinet.history.channel.${r.channel}`)}</Badge>
          </div>
          <p className="mt-1 text-sm text-slate-500">
            {formatDate(locale, r.at, program.timezone, { dateStyle: "long", timeStyle: "short" })} · {r.storeName}
          </p>
          {r.status === "cancelled" && (
            <p className="mt-2">
              <Badge tone="red">{t("cabinet.history.cancelled")}</Badge>
            </p>
          )}
        </div>
        <div className="p-5 sm:p-6">
          <h2 className="sr-only">{t("cabinet.receipt.lines")}</h2>
          <ul className="space-y-3">
            {r.lines.map((l) => (
              <li key={l.id} className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="font-medium">{l.name ?? l.sku}</p>
                  <p className="text-xs text-slate-500">{t("cabinet.receipt.qty", { qty: formatNumber(locale, l.quantityMilli / 1000), price: money(l.price) })}</p>
                  {l.pointsEarned > 0 && (
                    <p className={`text-xs font-semibold ${l.pointsPending && !l.activatedAt ? "text-amber-700" : "text-emerald-700"}`}>
                      +{formatNumber(locale, l.pointsEarned)} {t("cabinet.pointsShort")}
                      {l.pointsPending && !l.activatedAt && ` · ${t("cabinet.receipt.pendingNote")}`}
                    </p>
                  )}
                  {l.returnedMilli > 0 && <p className="text-xs font-semibold text-red-700">{t("cabinet.history.returned", { amount: formatNumber(locale, l.returnedMilli / 1000) })}</p>}
                </div>
                <p className="shrink-0 font-semibold tabular-nums">{money(l.amount)}</p>
              </li>
            ))}
          </ul>
          <dl className="mt-5 space-y-1.5 border-t border-slate-200 pt-4 text-sm">
            <Row label={t("cabinet.receipt.total")} value={money(r.amount)} />
            {r.discount > 0 && <Row label={t("cabinet.receipt.discount")} value={`−${money(r.discount)}`} />}
            {r.pointsRedeemed > 0 && <Row label={t("cabinet.receipt.paidPoints")} value={`−${formatNumber(locale, r.pointsRedeemed)} ${t("cabinet.pointsShort")}`} />}
            <Row strong label={t("cabinet.receipt.paid")} value={money(r.payable)} />
            <Row label={t("cabinet.receipt.earned")} value={`+${formatNumber(locale, r.pointsEarned)}`} tone="text-emerald-700" />
          </dl>
        </div>
      </div>
      {r.returns.length > 0 && (
        <Panel density="roomy" title={t("cabinet.receipt.returns")}>
          <ul className="space-y-1 text-sm">
            {r.returns.map((x) => (
              <li key={x.id}>
                {t("cabinet.receipt.returnLine", { number: x.number, amount: money(x.amount), refunded: formatNumber(locale, x.pointsRefunded), reclaimed: formatNumber(locale, x.pointsReclaimed) })}
              </li>
            ))}
          </ul>
        </Panel>
      )}
      {r.entries.length > 0 && (
        <Panel density="roomy" title={t("cabinet.receipt.movements")}>
          <ul className="divide-y divide-slate-100 text-sm">
            {r.entries.map((e) => (
              <li key={e.id} className="flex justify-between gap-3 py-2">
                <span>
                  {ledgerLabel(t, e.type, e.reason)} <span className="text-slate-500">· {formatDate(locale, e.at, program.timezone, { dateStyle: "medium" })}</span>
                </span>
                <span className={`font-semibold tabular-nums ${e.points >= 0 ? "text-emerald-700" : "text-red-700"}`}>
                  {e.points > 0 ? "+" : e.points < 0 ? "−" : ""}
                  {formatNumber(locale, Math.abs(e.points))}
                </span>
              </li>
            ))}
          </ul>
        </Panel>
      )}
    </div>
  );
}

function Row({ label, value, strong, tone }: { label: string; value: string; strong?: boolean; tone?: string }) {
  return (
    <div className={`flex justify-between gap-3 ${strong ? "text-base font-bold" : ""}`}>
      <dt className={strong ? "" : "text-slate-600"}>{label}</dt>
      <dd className={`tabular-nums ${tone ?? ""}`}>{value}</dd>
    </div>
  );
}
