// The partner's mailings: name, channel, status, when, and how they did (customers reached,
// delivered, opened, clicked — counted by lib/campaigns from the messages).
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/admin/data-table";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatNumber } from "@/lib/i18n/translate";
import { listPartnerMailings } from "@/lib/partner/mailings";
import { partnerInfo } from "@/lib/partner/partner-info";
import { requirePartner } from "@/lib/partner/session";

export const generateMetadata = pageTitle("title.partner.mailings");

const MAILING_TONE = { draft: "neutral", scheduled: "blue", sending: "amber", sent: "green", canceled: "red" } as const;

export default async function PartnerMailingsPage() {
  const me = await requirePartner();
  const [info, rows] = await Promise.all([partnerInfo(db(), me.partnerId), listPartnerMailings(db(), { programId: me.programId, partnerId: me.partnerId })]);
  if (!info) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const n = (x: number) => formatNumber(locale, x);
  const pct = (x: number, of: number) => (of > 0 ? ` · ${formatNumber(locale, Math.round((x / of) * 1000) / 10)} %` : "");
  const when = (d: Date | null) => (d ? formatDate(locale, d, info.program.timezone, { dateStyle: "medium", timeStyle: "short" }) : "—");
  const newButton = (
    <ButtonLink href="/partner/mailings/new" variant="primary">
      + {t("partner.mail.new")}
    </ButtonLink>
  );
  return (
    <>
      <PageHeader title={t("partner.mail.title")} description={t("partner.mail.lead")} actions={newButton} />
      {rows.length === 0 ? (
        <EmptyState title={t("partner.mail.empty")} text={t("partner.mail.emptyText")} action={newButton} />
      ) : (
        <DataTable
          caption={t("partner.mail.title")}
          columns={[
            { id: "name", header: t("partner.mail.col.name") },
            { id: "status", header: t("partner.mail.col.status") },
            { id: "when", header: t("partner.mail.col.when"), hideBelow: "md" },
            { id: "audience", header: t("partner.mail.col.audience"), align: "right", hideBelow: "sm" },
            { id: "delivered", header: t("partner.mail.col.delivered"), align: "right" },
            { id: "opened", header: t("partner.mail.col.opened"), align: "right", hideBelow: "sm" },
            { id: "clicked", header: t("partner.mail.col.clicked"), align: "right", hideBelow: "md" },
          ]}
          rows={rows.map(({ campaign: c, summary: s }) => ({
            id: c.id,
            href: `/partner/mailings/${c.id}`,
            cells: {
              name: (
                <Link href={`/partner/mailings/${c.id}`} className="font-medium text-slate-900 hover:underline" data-testid="mailing-link">
                  {c.name}
                  <span className="block text-xs font-normal text-slate-500">{t(`partner.mail.channel.${c.channel}`)}</span>
                </Link>
              ),
              status: <Badge tone={MAILING_TONE[c.status]}>{t(`partner.mail.status.${c.status}`)}</Badge>,
              when: when(c.startedAt ?? c.scheduledAt),
              audience: <span className="tabular-nums">{n(c.audienceCount)}</span>,
              delivered: <span className="tabular-nums">{n(s.delivered)}</span>,
              opened: <span className="tabular-nums">{c.channel === "sms" ? "—" : `${n(s.opened)}${pct(s.opened, s.delivered)}`}</span>,
              clicked: <span className="tabular-nums">{c.channel === "sms" ? "—" : `${n(s.clicked)}${pct(s.clicked, s.delivered)}`}</span>,
            },
          }))}
        />
      )}
    </>
  );
}
