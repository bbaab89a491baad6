// One receipt of the partner's stores: totals, lines, returns. Another partner's receipt is a 404.
import { notFound } from "next/navigation";
import { Facts, PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { ReceiptStatus } from "@/components/partner/receipt-status";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatMoney, formatNumber } from "@/lib/i18n/translate";
import { partnerInfo } from "@/lib/partner/partner-info";
import { getPartnerReceipt } from "@/lib/partner/receipts";
import { requirePartner } from "@/lib/partner/session";

export const generateMetadata = pageTitle("title.partner.receipt");

export default async function PartnerReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePartner();
  const { id } = await params;
  const [info, r] = await Promise.all([partnerInfo(db(), me.partnerId), getPartnerReceipt(db(), { partnerId: me.partnerId, purchaseId: id })]);
  if (!info || !r) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const money = (minor: number) => formatMoney(locale, minor, info.program.currency);
  const num = (x: number) => formatNumber(locale, x);
  const signed = (x: number, sign: string) => (x ? `${sign}${num(x)}` : "0");
  const qty = (x: number) => new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", { maximumFractionDigits: 3 }).format(x);
  const when = (d: Date) => formatDate(locale, d, r.store.timezone, { dateStyle: "medium", timeStyle: "short" });

  return (
    <>
      <PageHeader
        back={{ href: "/partner/receipts", label: t("partner.receipt.back") }}
        title={<span data-testid="receipt-title">{t("partner.receipt.title", { number: r.number })}</span>}
        description={`${r.store.name} · ${when(r.at)}`}
        actions={<ReceiptStatus status={r.status} t={t} />}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Panel title={t("partner.receipt.summary")} className="lg:col-span-1">
          <Facts
            items={[
              { label: t("partner.receipt.store"), value: `${r.store.name} (${r.store.code})` },
              { label: t("partner.receipt.at"), value: when(r.at) },
              { label: t("partner.receipt.member"), value: r.member ? `${r.member.firstName ?? "—"} · ${r.member.phone ?? "—"}` : t("partner.receipts.anonymous") },
              { label: t("partner.receipt.amount"), value: money(r.amount) },
              { label: t("partner.receipt.discount"), value: money(r.discount) },
              { label: t("partner.receipt.payable"), value: money(r.payable) },
              { label: t("partner.receipt.earned"), value: <span className="text-emerald-700">{signed(r.pointsEarned, "+")}</span> },
              { label: t("partner.receipt.redeemed"), value: <span className="text-amber-700">{signed(r.pointsRedeemed, "−")}</span> },
            ]}
          />
        </Panel>
        <div className="space-y-6 lg:col-span-2">
          <Panel title={t("partner.receipt.lines")}>
            <ul className="-my-3 divide-y divide-slate-100">
              {r.lines.map((l) => (
                <li key={l.lineNo} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 py-3 text-sm">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium text-slate-900">
                      {l.lineNo}. {l.name ?? l.sku}
                    </p>
                    <p className="text-xs text-slate-500">
                      {l.sku} · {l.category} · {qty(l.quantity)} × {money(l.price)}
                      {l.returnedQuantity > 0 && (
                        <>
                          {" "}
                          · <Badge tone="amber">{t("partner.receipt.line.returned", { qty: qty(l.returnedQuantity) })}</Badge>
                        </>
                      )}
                      {l.pointsPending && (
                        <>
                          {" "}
                          · <Badge tone="blue">{t("partner.receipt.line.pending")}</Badge>
                        </>
                      )}
                    </p>
                  </div>
                  <div className="text-right tabular-nums">
                    <p className="font-medium text-slate-900">{money(l.amount - l.discount)}</p>
                    <p className="text-xs">
                      <span className="text-emerald-700">{signed(l.pointsEarned, "+")}</span> / <span className="text-amber-700">{signed(l.pointsRedeemed, "−")}</span>
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          </Panel>
          <Panel title={t("partner.receipt.returns")}>
            {r.returnsList.length === 0 ? (
              <p className="text-sm text-slate-500">{t("partner.receipt.noReturns")}</p>
            ) : (
              <ul className="-my-3 divide-y divide-slate-100">
                {r.returnsList.map((x) => (
                  <li key={x.id} className="py-3 text-sm">
                    <p className="flex flex-wrap justify-between gap-2">
                      <span className="font-medium text-slate-900">{t("partner.receipt.return", { number: x.number })}</span>
                      <span className="text-slate-500">{when(x.at)}</span>
                    </p>
                    <p className="text-xs text-slate-600">{t("partner.receipt.returnHint", { amount: money(x.amount), reclaimed: num(x.pointsReclaimed), refunded: num(x.pointsRefunded) })}</p>
                    <ul className="mt-1 text-xs text-slate-500">
                      {x.lines.map((rl) => (
                        <li key={rl.lineNo}>{t("partner.receipt.returnLine", { lineNo: rl.lineNo, qty: qty(rl.quantity), amount: money(rl.amount) })}</li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </div>
      </div>
    </>
  );
}
