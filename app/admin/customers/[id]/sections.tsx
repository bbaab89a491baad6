// The read-only blocks of the customer page, each loading its own data.
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/locales";
import { formatMoney, formatNumber, type Translate } from "@/lib/i18n/translate";
import { customerAudit, customerEngagement, customerHistory, customerLedger, customerReceipts, LEDGER_PAGE, RECEIPTS_PAGE, staffNames } from "@/lib/admin/customer-360";
import { segmentsOfCustomer } from "@/lib/admin/customer-segments";
import { itemTitle } from "@/lib/catalog";
import { topicTitle } from "@/lib/feedback";

export interface Fmt {
  locale: Locale;
  tz: string;
  currency: string;
  t: Translate;
  date: (d: Date | null | undefined, style?: "medium" | "short") => string;
  dateTime: (d: Date) => string;
}

const signed = (locale: Locale, n: number) => (n > 0 ? `+${formatNumber(locale, n)}` : n < 0 ? `−${formatNumber(locale, -n)}` : "0");

function Pager({ param, page, hasNext, t }: { param: string; page: number; hasNext: boolean; t: Translate }) {
  if (page <= 1 && !hasNext) return null;
  return (
    <div className="mt-3 flex justify-end gap-2 text-sm">
      {page > 1 && (
        <Link scroll={false} href={`?${param}=${page - 1}`} className="rounded-md px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
          ← {t("console.common.previous")}
        </Link>
      )}
      {hasNext && (
        <Link scroll={false} href={`?${param}=${page + 1}`} className="rounded-md px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
          {t("console.common.next")} →
        </Link>
      )}
    </div>
  );
}

export async function Ledger({ customerId, page, fmt }: { customerId: string; page: number; fmt: Fmt }) {
  const { t, locale } = fmt;
  const { rows, hasNext } = await customerLedger(db(), customerId, page);
  const names = await staffNames(
    db(),
    rows.map((r) => r.staffUserId),
  );
  return (
    <section aria-labelledby="ledger-title" id="ledger">
      <h2 id="ledger-title" className="mb-3 text-base font-semibold">
        {t("console.c360.ledger")}
      </h2>
      <DataTable
        caption={t("console.c360.ledger")}
        paramPrefix="led"
        page={page}
        pageSize={LEDGER_PAGE}
        hasNext={hasNext}
        columns={[
          { id: "at", header: t("console.c360.col.date") },
          { id: "type", header: t("console.c360.col.operation") },
          { id: "account", header: t("console.c360.col.account"), hideBelow: "md" },
          { id: "delta", header: t("console.c360.col.points"), align: "right" },
          { id: "note", header: t("console.c360.col.note"), hideBelow: "md" },
        ]}
        rows={rows.map((e) => {
          const delta = e.deltaAvailable + e.deltaPending;
          return {
            id: e.id,
            cells: {
              at: <span className="whitespace-nowrap text-xs">{fmt.dateTime(e.at)}</span>,
              type: <Badge tone={e.type === "adjustment" ? "amber" : e.type === "accrual" ? "green" : e.type === "redemption" ? "blue" : "neutral"}>{t(`console.c360.entry.${e.type}`)}</Badge>,
              account: t(`console.c360.${e.account.kind}`),
              delta: (
                <span className={`tabular-nums font-medium ${delta > 0 ? "text-emerald-700" : delta < 0 ? "text-red-700" : "text-slate-500"}`}>
                  {signed(locale, delta)}
                  {e.deltaPending !== 0 && <span className="ml-1 text-xs text-slate-500">({t("console.c360.pending").toLowerCase()})</span>}
                  {e.deltaDebt !== 0 && (
                    <span className="ml-1 text-xs text-slate-500">
                      ({t("console.c360.debt").toLowerCase()} {signed(locale, e.deltaDebt)})
                    </span>
                  )}
                </span>
              ),
              note: (
                <span className="text-xs text-slate-600">
                  {e.note ?? e.reason}
                  {e.staffUserId && <span className="block text-slate-500">{names.get(e.staffUserId) ?? e.staffUserId}</span>}
                </span>
              ),
            },
          };
        })}
        empty={<p className="text-center text-sm text-slate-500">{t("console.c360.noLedger")}</p>}
      />
    </section>
  );
}

export async function Receipts({ customerId, page, fmt }: { customerId: string; page: number; fmt: Fmt }) {
  const { t, locale, currency } = fmt;
  const { rows, hasNext } = await customerReceipts(db(), customerId, page);
  return (
    <Panel title={t("console.c360.receipts")} id="receipts">
      {rows.length === 0 && <p className="text-sm text-slate-500">{t("console.c360.noReceipts")}</p>}
      <ul className="divide-y divide-slate-100">
        {rows.map((r) => (
          <li key={r.id}>
            <details className="group py-2">
              <summary className="flex cursor-pointer list-none items-start gap-3 text-sm [&::-webkit-details-marker]:hidden">
                <span aria-hidden className="mt-0.5 text-slate-500 transition group-open:rotate-90">
                  ▸
                </span>
                <span className="min-w-0 flex-1">
                  <span className="font-medium">№ {r.number}</span>{" "}
                  {r.status !== "committed" && <Badge tone={r.status === "held" ? "amber" : "neutral"}>{t(`console.c360.receipt.${r.status}`)}</Badge>}{" "}
                  {r.returns.length > 0 && <Badge tone="blue">{t("console.c360.receipt.returns", { n: r.returns.length })}</Badge>}
                  <span className="block truncate text-xs text-slate-500">
                    {fmt.dateTime(r.at)} · {r.storeName}
                  </span>
                </span>
                <span className="shrink-0 text-right">
                  <span className="block tabular-nums font-medium">{formatMoney(locale, r.amount, currency)}</span>
                  <span className="block text-xs tabular-nums">
                    {r.pointsEarned > 0 && <span className="text-emerald-700">+{formatNumber(locale, r.pointsEarned)}</span>}
                    {r.pointsRedeemed > 0 && <span className="ml-2 text-red-700">−{formatNumber(locale, r.pointsRedeemed)}</span>}
                  </span>
                </span>
              </summary>
              <div className="mt-2 overflow-x-auto pl-5">
                <table className="min-w-full text-xs">
                  <thead className="text-left text-slate-500">
                    <tr>
                      <th className="py-1 pr-3 font-medium">#</th>
                      <th className="py-1 pr-3 font-medium">{t("console.c360.line.sku")}</th>
                      <th className="py-1 pr-3 font-medium">{t("console.c360.line.category")}</th>
                      <th className="py-1 pr-3 text-right font-medium">{t("console.c360.line.qty")}</th>
                      <th className="py-1 pr-3 text-right font-medium">{t("console.c360.line.amount")}</th>
                      <th className="py-1 pr-3 text-right font-medium">{t("console.c360.line.points")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.lines.map((l) => (
                      <tr key={l.id} className="border-t border-slate-100">
                        <td className="py-1 pr-3">{l.lineNo}</td>
                        <td className="py-1 pr-3">{l.name ?? l.sku}</td>
                        <td className="py-1 pr-3">{l.category}</td>
                        <td className="py-1 pr-3 text-right tabular-nums">
                          {l.quantityMilli / 1000}
                          {l.returnedMilli > 0 && <span className="text-slate-500"> (−{l.returnedMilli / 1000})</span>}
                        </td>
                        <td className="py-1 pr-3 text-right tabular-nums">{formatMoney(locale, l.amount, currency)}</td>
                        <td className="py-1 pr-3 text-right tabular-nums">
                          {l.pointsEarned > 0 && (
                            <span className="text-emerald-700">
                              +{l.pointsEarned}
                              {l.pointsPending ? "*" : ""}
                            </span>
                          )}
                          {l.pointsRedeemed > 0 && <span className="ml-1 text-red-700">−{l.pointsRedeemed}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </li>
        ))}
      </ul>
      <Pager param="rcpPage" page={page} hasNext={hasNext} t={t} />
      <p className="sr-only">{RECEIPTS_PAGE}</p>
    </Panel>
  );
}

export async function History({ customerId, fmt }: { customerId: string; fmt: Fmt }) {
  const { t, locale, currency } = fmt;
  const h = await customerHistory(db(), customerId);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Panel title={t("console.c360.statusHistory")}>
        {h.tierChanges.length === 0 ? (
          <p className="text-sm text-slate-500">{t("console.c360.noStatusHistory")}</p>
        ) : (
          <ol className="space-y-2 text-sm">
            {h.tierChanges.map((c) => (
              <li key={c.id} className="flex flex-wrap items-baseline gap-x-2">
                <span className="text-xs text-slate-500">{fmt.date(c.at)}</span>
                <span>
                  {c.fromTier ?? "—"} → <strong>{c.toTier}</strong>
                </span>
                <Badge>{t(`console.c360.tierReason.${c.reason}`)}</Badge>
                {c.note && <span className="text-xs text-slate-500">{c.note}</span>}
              </li>
            ))}
          </ol>
        )}
        <p className="mt-4 text-xs text-slate-500">
          {t("console.c360.purchasesSummary", {
            count: formatNumber(locale, h.purchases.count),
            amount: formatMoney(locale, h.purchases.amount, currency),
            visits: formatNumber(locale, h.visitCount),
          })}
        </p>
      </Panel>
      <Panel title={t("console.c360.achievements")}>
        {h.achievements.length === 0 ? (
          <p className="text-sm text-slate-500">{t("console.c360.noAchievements")}</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {h.achievements.map((a) => (
              <li key={a.id} className="rounded-lg bg-amber-50 px-3 py-2 text-sm ring-1 ring-amber-200">
                <span className="font-medium">🏅 {a.title}</span>
                <span className="block text-xs text-amber-800">
                  {fmt.date(a.earnedAt)} · {a.source}
                </span>
              </li>
            ))}
          </ul>
        )}
        {h.visits.length > 0 && (
          <>
            <h3 className="mt-5 text-sm font-semibold">{t("console.c360.visits")}</h3>
            <ul className="mt-2 space-y-1 text-sm">
              {h.visits.map((v) => (
                <li key={v.id} className="flex justify-between gap-2">
                  <span>{v.eventCode}</span>
                  <span className="text-xs text-slate-500">{fmt.date(v.at)}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </Panel>
    </div>
  );
}

export async function Engagement({ customerId, fmt }: { customerId: string; fmt: Fmt }) {
  const { t, locale } = fmt;
  const { feedback, redemptions } = await customerEngagement(db(), customerId);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Panel title={t("console.c360.feedback")}>
        {feedback.length === 0 ? (
          <p className="text-sm text-slate-500">{t("console.c360.noFeedback")}</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {feedback.map((f) => (
              <li key={f.id} className="flex items-start justify-between gap-2">
                <span className="min-w-0">
                  <Link href={`/admin/feedback/${f.id}`} className="font-medium hover:underline">
                    {f.subject}
                  </Link>
                  <span className="block text-xs text-slate-500">
                    {topicTitle(f.topic, locale)} · {fmt.date(f.lastMessageAt)}
                  </span>
                </span>
                <Badge tone={f.status === "open" ? "amber" : f.status === "answered" ? "blue" : "neutral"}>{t(`console.c360.feedbackStatus.${f.status}`)}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title={t("console.c360.redemptions")}>
        {redemptions.length === 0 ? (
          <p className="text-sm text-slate-500">{t("console.c360.noRedemptions")}</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {redemptions.map((r) => (
              <li key={r.id} className="flex items-start justify-between gap-2">
                <span className="min-w-0">
                  <span className="font-medium">{itemTitle(r.item, locale)}</span>
                  <span className="block text-xs text-slate-500">
                    {r.voucherCode} · {fmt.date(r.createdAt)} · −{formatNumber(locale, r.pointsSpent)}
                  </span>
                </span>
                <Badge tone={r.status === "issued" ? "green" : "neutral"}>{t(`console.c360.redemptionStatus.${r.status}`)}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}

export async function Segments({ programId, customerId, t }: { programId: string; customerId: string; t: Translate }) {
  const segments = await segmentsOfCustomer(db(), programId, customerId).catch(() => []);
  return (
    <Panel title={t("console.c360.segments")}>
      {segments.length === 0 ? (
        <p className="text-sm text-slate-500">{t("console.c360.noSegments")}</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {segments.map((s) => (
            <li key={s.id}>
              <Link href={`/admin/segments/${s.id}`} className="inline-flex rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-700 ring-1 ring-brand-100 hover:bg-brand-100">
                {s.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export async function AuditTrail({ programId, customer, fmt }: { programId: string; customer: { id: string; accounts: { id: string }[]; cards: { id: string }[] }; fmt: Fmt }) {
  const { t } = fmt;
  const rows = await customerAudit(db(), programId, customer, 30);
  return (
    <Panel title={t("console.c360.audit")}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{t("console.c360.noAudit")}</p>
      ) : (
        <ol className="space-y-3 text-sm" data-testid="customer-audit">
          {rows.map((r) => (
            <li key={String(r.id)} className="border-l-2 border-slate-200 pl-3">
              <p className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-mono text-xs font-semibold">{r.action}</span>
                <span className="text-xs text-slate-500">{fmt.dateTime(r.at)}</span>
                <span className="text-xs text-slate-600">{r.actorName ?? r.actorType}</span>
              </p>
              {r.reason && <p className="text-slate-700">“{r.reason}”</p>}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
