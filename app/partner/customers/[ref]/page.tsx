// One customer as the partner may see them: first name, masked phone, what they did at its
// stores (receipts, spend, points earned and spent) and the feedback addressed to the partner.
// A member who never bought at the partner — or another partner's reference — is a 404.
import Link from "next/link";
import { notFound } from "next/navigation";
import { Facts, PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { ReceiptStatus } from "@/components/partner/receipt-status";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatMoney, formatNumber } from "@/lib/i18n/translate";
import { getPartnerCustomerCard } from "@/lib/partner/customers";
import { partnerInfo } from "@/lib/partner/partner-info";
import { requirePartner } from "@/lib/partner/session";

export const generateMetadata = pageTitle("title.partner.customer");

const FEEDBACK_TONE = { open: "amber", answered: "blue", closed: "neutral" } as const;

export default async function PartnerCustomerPage({ params }: { params: Promise<{ ref: string }> }) {
  const me = await requirePartner();
  const { ref } = await params;
  const info = await partnerInfo(db(), me.partnerId);
  if (!info) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const card = await getPartnerCustomerCard(db(), { partnerId: me.partnerId, programId: me.programId, ref, locale });
  if (!card) notFound();
  const tz = info.program.timezone;
  const money = (minor: number) => formatMoney(locale, minor, info.program.currency);
  const num = (x: number) => formatNumber(locale, x);
  const day = (d: Date, zone = tz) => formatDate(locale, d, zone, { dateStyle: "medium" });
  const when = (d: Date, zone = tz) => formatDate(locale, d, zone, { dateStyle: "medium", timeStyle: "short" });
  const s = card.summary;

  return (
    <>
      <PageHeader
        back={{ href: "/partner/customers", label: t("partner.card.back") }}
        title={<span data-testid="customer-title">{card.firstName ?? t("partner.customers.noName")}</span>}
        description={card.phone ?? undefined}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Panel title={t("partner.card.summary")} className="lg:col-span-1">
          <Facts
            items={[
              { label: t("partner.card.phone"), value: card.phone ?? "—" },
              { label: t("partner.card.receipts"), value: num(s.receipts) },
              { label: t("partner.card.spend"), value: money(s.spend) },
              {
                label: t("partner.card.earned"),
                value: (
                  <span>
                    <span className="text-emerald-700" data-testid="card-earned">
                      +{num(s.pointsEarned)}
                    </span>
                    <span className="block text-xs text-slate-500">{t("partner.card.earnedHint")}</span>
                  </span>
                ),
              },
              {
                label: t("partner.card.spent"),
                value: (
                  <span>
                    <span className="text-amber-700">−{num(s.pointsSpent)}</span>
                    <span className="block text-xs text-slate-500">{t("partner.card.spentHint")}</span>
                  </span>
                ),
              },
              { label: t("partner.card.returns"), value: num(s.returns) },
              { label: t("partner.card.first"), value: day(s.firstAt) },
              { label: t("partner.card.last"), value: day(s.lastAt) },
            ]}
          />
        </Panel>
        <div className="space-y-6 lg:col-span-2">
          <Panel title={t("partner.card.receiptsTitle")}>
            {card.receipts.length >= 50 && <p className="-mt-2 mb-2 text-xs text-slate-500">{t("partner.card.receiptsHint", { count: card.receipts.length })}</p>}
            <ul className="-my-3 divide-y divide-slate-100" data-testid="card-receipts">
              {card.receipts.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-3 text-sm">
                  <div className="min-w-0">
                    <Link href={`/partner/receipts/${r.id}`} className="font-medium text-slate-900 hover:underline">
                      {r.number}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {r.store.name} · {when(r.at, r.store.timezone)}
                    </p>
                  </div>
                  <div className="flex items-center gap-3 text-right">
                    <span className="tabular-nums">
                      {money(r.amount - r.discount)}
                      <span className="block text-xs">
                        <span className="text-emerald-700">+{num(r.pointsEarned)}</span> / <span className="text-amber-700">−{num(r.pointsRedeemed)}</span>
                      </span>
                    </span>
                    <ReceiptStatus status={r.status} t={t} />
                  </div>
                </li>
              ))}
            </ul>
          </Panel>
          <Panel title={t("partner.card.feedback")}>
            {card.feedback.length === 0 ? (
              <p className="text-sm text-slate-500">{t("partner.card.noFeedback")}</p>
            ) : (
              <ul className="space-y-4" data-testid="card-feedback">
                {card.feedback.map((f) => (
                  <li key={f.id} className="rounded-xl p-4 ring-1 ring-slate-200">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-medium text-slate-900">{f.subject}</span>
                      <Badge tone={FEEDBACK_TONE[f.status as keyof typeof FEEDBACK_TONE] ?? "neutral"}>{t(`partner.card.fb.${f.status as "open" | "answered" | "closed"}`)}</Badge>
                    </p>
                    <p className="text-xs text-slate-500">
                      {f.topic} · {when(f.createdAt)}
                    </p>
                    <ul className="mt-3 space-y-2">
                      {f.messages.map((m, i) => (
                        <li key={i} className={`rounded-lg px-3 py-2 text-sm ${m.author === "customer" ? "bg-slate-50" : "bg-brand-50"}`}>
                          <span className="block text-xs font-medium text-slate-600">
                            {m.author === "customer" ? t("partner.card.fromMember") : t("partner.card.fromProgram")} · {when(m.at)}
                          </span>
                          <span className="whitespace-pre-line text-slate-800">{m.body}</span>
                        </li>
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
