// One gift certificate: its state and its whole ledger, with block / unblock.
import { notFound } from "next/navigation";
import { DataTable } from "@/components/admin/data-table";
import { Facts, PageHeader } from "@/components/admin/page-header";
import { Panel } from "@/components/ui/card";
import { programInfo } from "@/lib/admin/program-info";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { giftCardHistory } from "@/lib/giftcards/console";
import { MAX_PIN_ATTEMPTS } from "@/lib/giftcards/pin";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatMoney } from "@/lib/i18n/translate";
import { StatusBadge } from "../status";
import { GiftCardActions } from "./card-actions";

export const generateMetadata = pageTitle("title.console.giftCard");

export default async function GiftCardPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requirePermission("giftcards.manage");
  const { t, locale } = await getT();
  const { id } = await params;
  const [program, card] = await Promise.all([programInfo(db(), staff.programId, locale), giftCardHistory(db(), staff.programId, id)]);
  if (!card) notFound();
  const money = (minor: number) => formatMoney(locale, minor, program.currency);
  const when = (d: Date) => formatDate(locale, d, program.timezone, { dateStyle: "medium", timeStyle: "short" });
  const canBlock = card.status !== "blocked" && card.status !== "expired";
  const canUnblock = card.blocked || card.pinAttempts > 0;
  return (
    <>
      <PageHeader
        title={<span className="font-mono">{card.number}</span>}
        back={{ href: "/admin/gift-cards", label: t("console.giftCards.back") }}
        actions={<GiftCardActions id={card.id} canBlock={canBlock} canUnblock={canUnblock} number={card.number} />}
      />
      <Panel>
        <Facts
          items={[
            { label: t("console.giftCards.status"), value: <StatusBadge status={card.status} pinLocked={card.pinLocked} t={t} /> },
            {
              label: t("console.giftCards.balance"),
              value: (
                <span data-testid="giftcard-balance" className="tabular-nums">
                  {money(card.balance)}
                </span>
              ),
            },
            { label: t("console.giftCards.faceValue"), value: money(card.amount) },
            { label: t("console.giftCards.store"), value: card.storeName ? `${card.storeName}${card.soldAt ? ` · ${when(card.soldAt)}` : ""}` : "—" },
            { label: t("console.giftCards.expiresAt"), value: when(card.expiresAt) },
          ]}
        />
        {card.pinLocked && <p className="mt-3 text-sm text-red-700">{t("console.giftCards.pinLockedHint", { attempts: MAX_PIN_ATTEMPTS })}</p>}
      </Panel>
      <Panel title={t("console.giftCards.history")} className="mt-6">
        <DataTable
          caption={t("console.giftCards.history")}
          columns={[
            { id: "at", header: t("console.giftCards.when") },
            { id: "type", header: t("console.giftCards.entry") },
            { id: "amount", header: t("console.giftCards.change"), align: "right" },
            { id: "after", header: t("console.giftCards.after"), align: "right" },
            { id: "receipt", header: t("console.giftCards.receipt"), hideBelow: "md" },
          ]}
          rows={card.entries.map((e) => ({
            id: e.id,
            cells: {
              at: <span className="whitespace-nowrap text-sm">{when(e.at)}</span>,
              type: (
                <span>
                  {t(`console.giftCards.entry.${e.type}`)}
                  {e.storeName && <span className="block text-xs text-slate-600">{e.storeName}</span>}
                  {e.reason && <span className="block text-xs text-slate-600">“{e.reason}”</span>}
                </span>
              ),
              amount: (
                <span className={`tabular-nums ${e.amount < 0 ? "text-red-700" : e.amount > 0 ? "text-emerald-700" : ""}`}>
                  {e.amount === 0 ? "—" : `${e.amount > 0 ? "+" : "−"}${money(Math.abs(e.amount))}`}
                </span>
              ),
              after: <span className="tabular-nums">{money(e.balanceAfter)}</span>,
              receipt: e.purchaseId ? <span className="font-mono text-xs">{e.purchaseId}</span> : "—",
            },
          }))}
        />
      </Panel>
    </>
  );
}
