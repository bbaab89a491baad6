// One mailing of the partner: a draft is edited and sent from here; once sent, its statistics —
// customers reached, sent, delivered, opened, clicked, unsubscribed, and what the gates stopped
// (consent, the weekly limit, suppressed addresses). Another partner's mailing is a 404.
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-header";
import { MailingSendActions } from "@/components/partner/mailing-actions";
import { PartnerMailingForm } from "@/components/partner/mailing-form";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { now } from "@/lib/clock";
import { analyticsDb, db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatNumber } from "@/lib/i18n/translate";
import { countPartnerAudience, mailingStores, partnerMailingStats } from "@/lib/partner/mailings";
import { partnerInfo } from "@/lib/partner/partner-info";
import { listPartnerGroups } from "@/lib/partner/segments";
import { requirePartner } from "@/lib/partner/session";
import { partnerStoreOptions } from "@/lib/partner/stores";

export const generateMetadata = pageTitle("title.partner.mailing");

const TONE = { draft: "neutral", scheduled: "blue", sending: "amber", sent: "green", canceled: "red" } as const;
const GATES = ["no_consent", "frequency_cap", "address_suppressed", "member_unreachable", "holdout"] as const;

export default async function PartnerMailingPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePartner();
  const { id } = await params;
  const info = await partnerInfo(db(), me.partnerId);
  if (!info) notFound();
  const stats = await partnerMailingStats(analyticsDb(), { programId: me.programId, partnerId: me.partnerId, id }).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const c = stats.campaign;
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const n = (x: number) => formatNumber(locale, x);
  const when = (d: Date | null) => (d ? formatDate(locale, d, info.program.timezone, { dateStyle: "medium", timeStyle: "short" }) : "—");
  const v = c.variants[0];
  const [stores, groups] = await Promise.all([partnerStoreOptions(db(), me.partnerId), listPartnerGroups(db(), me.partnerId, locale)]);
  const group = c.segmentId ? groups.find((g) => g.id === c.segmentId) : undefined;
  const picked = mailingStores(c);
  const header = (
    <PageHeader
      title={<span data-testid="mailing-title">{c.name}</span>}
      description={
        <span className="flex flex-wrap items-center gap-2">
          <Badge tone={TONE[c.status]}>{t(`partner.mail.status.${c.status}`)}</Badge>
          <span>
            {t(`partner.mail.channel.${c.channel}`)} · {when(c.startedAt ?? c.scheduledAt)}
          </span>
        </span>
      }
      back={{ href: "/partner/mailings", label: t("partner.mail.back") }}
      actions={<MailingSendActions id={c.id} name={c.name} status={c.status} />}
    />
  );
  if (c.status === "draft") {
    const audience = await countPartnerAudience(analyticsDb(), me, { stores: picked, groupId: c.segmentId }, now()).catch(() => 0);
    return (
      <>
        {header}
        <PartnerMailingForm
          stores={stores}
          groups={groups.map((g) => ({ id: g.id, name: g.name }))}
          audience={t("partner.mail.audienceNow", { count: n(audience) })}
          initial={{
            id: c.id,
            name: c.name,
            channel: c.channel,
            groupId: c.segmentId ?? "",
            stores: picked,
            subjectRu: v.subject.ru,
            bodyRu: v.body.ru,
            subjectEn: v.subject.en === v.subject.ru ? "" : v.subject.en,
            bodyEn: v.body.en === v.body.ru ? "" : v.body.en,
          }}
        />
      </>
    );
  }
  const s = stats.total;
  const sms = c.channel === "sms";
  type Tile = { key: "audience" | "sent" | "delivered" | "opened" | "clicked" | "unsubscribed" | "suppressed" | "pending"; value: number };
  const tiles: Tile[] = [
    { key: "audience", value: stats.audience },
    { key: "sent", value: s.sent },
    { key: "delivered", value: s.delivered },
    ...(sms
      ? []
      : ([
          { key: "opened", value: s.opened },
          { key: "clicked", value: s.clicked },
        ] as Tile[])),
    { key: "unsubscribed", value: s.unsubscribed },
    { key: "suppressed", value: s.suppressedTotal },
    { key: "pending", value: s.pending },
  ];
  const other = Object.entries(s.suppressed)
    .filter(([k]) => !(GATES as readonly string[]).includes(k))
    .reduce((a, [, x]) => a + x, 0);
  return (
    <>
      {header}
      <section aria-labelledby="mailing-stats">
        <h2 id="mailing-stats" className="mb-3 text-lg font-semibold text-slate-900">
          {t("partner.mail.stats")}
        </h2>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {tiles.map((x) => (
            <div key={x.key} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
              <p className="text-sm text-slate-600">{t(`partner.mail.s.${x.key}`)}</p>
              <p className="mt-1 text-2xl font-bold tabular-nums text-slate-900" data-testid={`mailing-${x.key}`}>
                {n(x.value)}
              </p>
            </div>
          ))}
        </div>
      </section>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Panel title={t("partner.mail.gates")}>
          <ul className="space-y-1 text-sm text-slate-700">
            {GATES.filter((g) => (s.suppressed[g] ?? 0) > 0).map((g) => (
              <li key={g} className="flex justify-between gap-3">
                <span>{t(`partner.mail.gate.${g}`)}</span>
                <span className="tabular-nums">{n(s.suppressed[g] ?? 0)}</span>
              </li>
            ))}
            {other > 0 && (
              <li className="flex justify-between gap-3">
                <span>{t("partner.mail.gate.other")}</span>
                <span className="tabular-nums">{n(other)}</span>
              </li>
            )}
            <li className="flex justify-between gap-3">
              <span>{t("partner.mail.s.noAddress")}</span>
              <span className="tabular-nums">{n(stats.noAddress)}</span>
            </li>
          </ul>
        </Panel>
        <Panel title={t("partner.mail.preview")}>
          {v.subject[locale] && <p className="font-semibold text-slate-900">{v.subject[locale]}</p>}
          <p className="mt-2 whitespace-pre-wrap text-sm text-slate-700">{v.body[locale]}</p>
          <p className="mt-3 text-xs text-slate-500" data-testid="mailing-group">
            {group ? t("partner.mail.f.group", { name: group.name }) : t("partner.mail.f.allCustomers")}
          </p>
          <p className="mt-1 text-xs text-slate-500">{picked.length ? picked.map((code) => stores.find((x) => x.code === code)?.name ?? code).join(", ") : t("partner.mail.f.storesHint")}</p>
        </Panel>
      </div>
    </>
  );
}
