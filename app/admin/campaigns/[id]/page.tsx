// One campaign: a draft is edited, tested and sent here; a campaign on its way shows its progress
// (polled), its statistics per variant, what the gates stopped, deliveries and opens over time,
// receipts within 7 days against the holdout, and its messages as members see them.
import { ActionButton } from "@/components/admin/action-form";
import { TrendChart } from "@/components/admin/charts/trend-chart";
import { DataTable } from "@/components/admin/data-table";
import { Facts, PageHeader } from "@/components/admin/page-header";
import { Panel } from "@/components/ui/card";
import { programZone } from "@/lib/admin/program-info";
import { can, requirePermission } from "@/lib/auth/permissions";
import { previewCampaignMessage } from "@/lib/campaigns/preview";
import { campaignStats, campaignTimeline, campaignUplift, type DeliveryCounts } from "@/lib/campaigns/stats";
import { staffTestEmail } from "@/lib/campaigns/store";
import { now } from "@/lib/clock";
import { analyticsDb, db } from "@/lib/db/client";
import { formatNumber } from "@/lib/i18n/format";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatMoney } from "@/lib/i18n/translate";
import { getSegment, listSegments } from "@/lib/segments/segments";
import type { Uplift } from "@/lib/promotions/uplift";
import { zonedParts } from "@/lib/time";
import { cancelSending } from "../actions";
import { CampaignForm } from "../campaign-form";
import { CampaignProgress } from "../progress";
import { SendPanel } from "../send-panel";
import { StatusBadge } from "../status-badge";

export const generateMetadata = pageTitle("title.console.campaign");

const METRICS = ["queued", "sent", "delivered", "opened", "clicked", "unsubscribed", "bounced", "suppressedTotal", "pending"] as const;

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requirePermission("campaigns.view");
  const { t, locale } = await getT();
  const { id } = await params;
  const at = now();
  const stats = await campaignStats(analyticsDb(), staff.programId, id);
  const c = stats.campaign;
  const [program, segment, testEmail] = await Promise.all([
    programZone(db(), staff.programId),
    c.segmentId ? getSegment(db(), staff.programId, c.segmentId).catch(() => null) : null,
    staffTestEmail(db(), staff.id),
  ]);
  const zone = program.timezone;
  const canEdit = can(staff.role, "campaigns.edit");
  const when = (d: Date | null) => (d ? formatDate(locale, d, zone, { dateStyle: "medium", timeStyle: "short" }) : "—");
  const n = (x: number) => formatNumber(locale, x);
  const header = (
    <PageHeader
      title={c.name}
      description={
        <span className="inline-flex flex-wrap items-center gap-2">
          <StatusBadge status={c.status} label={t(`cmp.status.${c.status}`)} />
          <span>
            {t(`cmp.channel.${c.channel}`)} · {segment?.name ?? "—"}
          </span>
          {c.status === "scheduled" && c.scheduledAt && <span>{t("cmp.send.scheduledFor", { at: when(c.scheduledAt) })}</span>}
        </span>
      }
      back={{ href: "/admin/campaigns", label: t("cmp.title") }}
      actions={
        canEdit && (c.status === "scheduled" || c.status === "sending") ? (
          <ActionButton action={cancelSending} fields={{ id: c.id }} confirm={c.status === "sending" ? { title: t("cmp.send.stop"), text: t("cmp.send.stopConfirm"), danger: true } : undefined}>
            {c.status === "scheduled" ? t("cmp.send.unschedule") : t("cmp.send.stop")}
          </ActionButton>
        ) : undefined
      }
    />
  );

  if (c.status === "draft") {
    const segments = canEdit ? await listSegments(db(), staff.programId) : [];
    const p = zonedParts(at, zone);
    const pad = (x: number) => String(x).padStart(2, "0");
    const minLocal = `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
    return (
      <>
        {header}
        {canEdit ? (
          <div className="space-y-6">
            <CampaignForm
              segments={segments.map((s) => ({ id: s.id, name: s.name }))}
              initial={{ id: c.id, name: c.name, segmentId: c.segmentId ?? undefined, channel: c.channel, holdoutPercent: c.holdoutPercent, variants: c.variants }}
            />
            <SendPanel id={c.id} name={c.name} channel={c.channel} variants={c.variants.map((v) => v.key)} testEmail={testEmail ?? ""} minLocal={minLocal} />
          </div>
        ) : (
          <Previews campaign={c} programId={staff.programId} title={t("cmp.preview.title")} />
        )}
      </>
    );
  }

  const [uplift, timeline] = await Promise.all([campaignUplift(analyticsDb(), staff.programId, c.id, at), campaignTimeline(analyticsDb(), staff.programId, c.id, at)]);
  const live = c.status === "sending" || c.status === "scheduled" || stats.total.pending > 0;
  const rows: { key: string; label: string; counts: DeliveryCounts }[] = [
    ...stats.variants.map((v) => ({ key: v.key, label: t("cmp.f.variant", { key: v.key }), counts: v.counts })),
    ...(stats.variants.length > 1 ? [{ key: "total", label: t("cmp.stats.total"), counts: stats.total }] : []),
  ];
  const gates = Object.entries(stats.total.suppressed).sort((a, b) => b[1] - a[1]);
  const gateLabel = (reason: string) =>
    ["no_consent", "address_suppressed", "frequency_cap", "member_unreachable", "holdout"].includes(reason) ? t(`cmp.gate.${reason as "no_consent"}`) : t("cmp.gate.other", { reason });
  const money = (minor: number) => formatMoney(locale, Math.round(minor), program.currency);
  const interval = (u: Uplift, fmt: (x: number) => string) =>
    u.low === null || u.high === null ? fmt(u.difference) : `${fmt(u.difference)} (${fmt(u.low)} … ${fmt(u.high)})${u.significant ? ` · ${t("cmp.uplift.significant")}` : ""}`;
  const dec = (x: number) => new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", { maximumFractionDigits: 3, signDisplay: "auto" }).format(x);
  return (
    <>
      {header}
      <div className="space-y-6">
        <Panel title={t("cmp.progress.title")} id="progress">
          <CampaignProgress
            live={live}
            queue={{ done: n(stats.audience), total: n(Math.max(stats.audience, c.segmentCount ?? 0)), value: stats.queueProgress }}
            delivery={{ done: n(stats.total.queued - stats.total.pending), total: n(stats.total.queued), value: stats.deliveryProgress }}
          />
        </Panel>
        <Panel title={t("cmp.stats.title")} id="stats">
          <Facts
            items={[
              { label: t("cmp.stats.startedAt"), value: when(c.startedAt ?? c.scheduledAt) },
              { label: t("cmp.stats.segment"), value: c.segmentCount === null ? "—" : n(c.segmentCount) },
              { label: t("cmp.stats.holdout"), value: `${n(stats.holdout)} (${n(c.holdoutPercent)} %)` },
              { label: t("cmp.stats.targeted"), value: n(stats.targeted) },
              { label: t("cmp.stats.noAddress"), value: n(stats.noAddress) },
            ]}
          />
          <div className="mt-5 space-y-4">
            {rows.map((r) => (
              <section key={r.key} aria-label={r.label} data-testid={`stats-${r.key}`} className="rounded-xl border border-slate-200 p-4">
                <h3 className="text-sm font-semibold text-slate-900">{r.label}</h3>
                <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-5">
                  {METRICS.map((m) => (
                    <div key={m}>
                      <dt className="text-slate-500">{t(`cmp.stats.${m === "suppressedTotal" ? "suppressed" : m}`)}</dt>
                      <dd className="font-medium tabular-nums text-slate-900">{n(r.counts[m])}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
          <h3 className="mt-6 text-sm font-semibold text-slate-900">{t("cmp.stats.byGate")}</h3>
          {gates.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{t("cmp.stats.noneSuppressed")}</p>
          ) : (
            <ul className="mt-2 grid gap-2 text-sm sm:grid-cols-2">
              {gates.map(([reason, count]) => (
                <li key={reason} className="flex justify-between rounded-lg bg-slate-50 px-3 py-2">
                  <span className="text-slate-700">{gateLabel(reason)}</span>
                  <span className="font-medium tabular-nums text-slate-900">{n(count)}</span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title={t("cmp.chart.title")} id="chart">
          {timeline.points.every((p) => p.delivered + p.opened + p.clicked === 0) ? (
            <p className="text-sm text-slate-600">{t("cmp.chart.empty")}</p>
          ) : (
            <TrendChart
              kind="bar"
              locale={locale}
              title={t("cmp.chart.title")}
              hourly={timeline.unit === "hour"}
              data={timeline.points.map((p) => ({
                day: timeline.unit === "hour" ? p.at.toISOString() : p.at.toISOString().slice(0, 10),
                delivered: p.delivered,
                opened: p.opened,
                clicked: p.clicked,
              }))}
              series={[
                { key: "delivered", label: t("cmp.stats.delivered"), color: "#0f766e" },
                { key: "opened", label: t("cmp.stats.opened"), color: "#2563eb" },
                { key: "clicked", label: t("cmp.stats.clicked"), color: "#d97706" },
              ]}
            />
          )}
        </Panel>
        <Panel title={t("cmp.uplift.title")} id="uplift">
          {!uplift ? (
            <p className="text-sm text-slate-600">{t("cmp.uplift.none")}</p>
          ) : (
            <>
              <p className="text-sm text-slate-600">{t("cmp.uplift.lead")}</p>
              {uplift.partial && <p className="mt-1 text-sm text-amber-800">{t("cmp.uplift.partial", { to: when(uplift.to) })}</p>}
              <div className="mt-4">
                <DataTable
                  caption={t("cmp.uplift.title")}
                  columns={[
                    { id: "group", header: t("cmp.uplift.group") },
                    { id: "members", header: t("cmp.uplift.members"), align: "right" },
                    { id: "receipts", header: t("cmp.uplift.receipts"), align: "right", hideBelow: "sm" },
                    { id: "revenue", header: t("cmp.uplift.revenue"), align: "right", hideBelow: "lg" },
                    { id: "dReceipts", header: t("cmp.uplift.diffReceipts"), align: "right", hideBelow: "md" },
                    { id: "dRevenue", header: t("cmp.uplift.diffRevenue"), align: "right" },
                  ]}
                  rows={[
                    ...(uplift.variants.length > 1 ? uplift.variants.map((v) => ({ key: t("cmp.f.variant", { key: v.key }), o: v.outcome, r: v.receipts, m: v.revenue })) : []),
                    { key: uplift.variants.length > 1 ? t("cmp.uplift.exposed") : t("cmp.stats.targeted"), o: uplift.exposed, r: uplift.receipts, m: uplift.revenue },
                  ]
                    .map((g) => ({
                      id: g.key,
                      cells: {
                        group: <span className="font-medium text-slate-900">{g.key}</span>,
                        members: n(g.o.members),
                        receipts: dec(g.r.exposedMean),
                        revenue: money(g.m.exposedMean),
                        dReceipts: interval(g.r, dec),
                        dRevenue: interval(g.m, money),
                      },
                    }))
                    .concat([
                      {
                        id: "holdout",
                        cells: {
                          group: <span className="font-medium text-slate-900">{t("cmp.stats.holdoutRow")}</span>,
                          members: n(uplift.holdout.members),
                          receipts: dec(uplift.receipts.holdoutMean),
                          revenue: money(uplift.revenue.holdoutMean),
                          dReceipts: "—",
                          dRevenue: "—",
                        },
                      },
                    ])}
                />
              </div>
            </>
          )}
        </Panel>
        <Previews campaign={c} programId={staff.programId} title={t("cmp.preview.title")} />
      </div>
    </>
  );
}

async function Previews({ campaign, programId, title }: { campaign: Awaited<ReturnType<typeof campaignStats>>["campaign"]; programId: string; title: string }) {
  const { t } = await getT();
  const items = await Promise.all(
    campaign.variants.flatMap((v) =>
      (["ru", "en"] as const).map(async (locale) => ({
        key: `${v.key}-${locale}`,
        label: t("cmp.f.previewTitle", { key: v.key, locale: locale.toUpperCase() }),
        p: await previewCampaignMessage(db(), programId, { channel: campaign.channel, subject: v.subject[locale], body: v.body[locale], locale }),
      })),
    ),
  );
  return (
    <Panel title={title} id="previews">
      <div className="grid gap-4 lg:grid-cols-2">
        {items.map((it) => (
          <details key={it.key} className="rounded-xl border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-slate-800">
              {it.label}
              {it.p.subject ? ` — ${it.p.subject}` : ""}
            </summary>
            {it.p.html ? (
              <iframe title={it.label} srcDoc={it.p.html} sandbox="" className="mt-3 h-[28rem] w-full rounded-lg border border-slate-200 bg-white" />
            ) : (
              <p className="mt-3 whitespace-pre-wrap rounded-2xl bg-slate-100 px-4 py-3 text-sm text-slate-900">{it.p.text}</p>
            )}
          </details>
        ))}
      </div>
    </Panel>
  );
}
