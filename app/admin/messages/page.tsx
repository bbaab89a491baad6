// The message log: the last 30 days by status, then every message with its gate outcome, filtered
// by status, channel, kind and address (support answers "did my email arrive?" here).
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/admin/data-table";
import { FilterBar } from "@/components/admin/filter-bar";
import { SelectField, TextField } from "@/components/admin/form-field";
import { PageHeader } from "@/components/admin/page-header";
import { Panel } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { programInfo } from "@/lib/admin/program-info";
import { param, parseTableParams, type SearchParams } from "@/lib/admin/table-params";
import { requirePermission } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { listMessages, MESSAGE_STATUSES, messageCounts } from "@/lib/communications/console";
import type { QueuedStatus } from "@/lib/communications/status";
import { TRIGGER_KINDS } from "@/lib/communications/trigger-kinds";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatNumber } from "@/lib/i18n/translate";
import { gateText, kindText, MessageStatusBadge } from "./status-badge";

export const generateMetadata = pageTitle("title.console.messages");

const FUNNEL: QueuedStatus[] = ["queued", "sent", "delivered", "opened", "clicked", "bounced", "suppressed", "failed"];

export default async function MessagesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requirePermission("messages.view");
  const { t, locale } = await getT();
  const sp = await searchParams;
  const program = await programInfo(db(), staff.programId, locale);
  const table = parseTableParams(sp, { sortable: ["created"] as const, defaultSort: { id: "created", desc: true }, pageSize: 50, maxPage: 1000 });
  const status = param(sp, "status");
  const channel = param(sp, "channel");
  const kind = param(sp, "kind");
  const filters = {
    status: MESSAGE_STATUSES.includes(status as QueuedStatus) ? (status as QueuedStatus) : undefined,
    channel: channel === "email" || channel === "sms" ? (channel as "email" | "sms") : undefined,
    kind: (TRIGGER_KINDS as readonly string[]).includes(kind ?? "") ? kind : undefined,
    q: param(sp, "q")?.slice(0, 120) || undefined,
  };
  const since = new Date(now().getTime() - 30 * 86_400_000);
  const [list, counts] = await Promise.all([listMessages(db(), staff.programId, filters, { limit: table.pageSize, offset: table.offset }), messageCounts(db(), staff.programId, since)]);
  const date = (d: Date) => formatDate(locale, d, program.timezone, { dateStyle: "medium", timeStyle: "short" });
  const filtered = Object.values(filters).some(Boolean);

  return (
    <>
      <PageHeader title={t("console.msg.title")} description={t("console.msg.lead")} actions={<ButtonLink href="/admin/messages/triggers">{t("console.msg.toTriggers")}</ButtonLink>} />
      <Panel title={t("console.msg.last30")}>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-9" data-testid="message-funnel">
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{t("console.msg.total")}</dt>
            <dd className="text-2xl font-bold tabular-nums text-slate-900">{formatNumber(locale, counts.total)}</dd>
          </div>
          {FUNNEL.map((s) => (
            <div key={s}>
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{t(`console.msg.status.${s}`)}</dt>
              <dd className="text-2xl font-bold tabular-nums text-slate-900" data-status={s}>
                {formatNumber(locale, counts[s])}
              </dd>
            </div>
          ))}
        </dl>
      </Panel>
      <div className="mt-6">
        <FilterBar action="/admin/messages" applyLabel={t("console.common.apply")} resetLabel={t("console.common.reset")}>
          <SelectField
            label={t("console.msg.filter.status")}
            name="status"
            defaultValue={filters.status ?? ""}
            placeholder={t("console.common.any")}
            options={MESSAGE_STATUSES.map((s) => ({ value: s, label: t(`console.msg.status.${s}`) }))}
          />
          <SelectField
            label={t("console.msg.filter.channel")}
            name="channel"
            defaultValue={filters.channel ?? ""}
            placeholder={t("console.common.any")}
            options={(["email", "sms"] as const).map((c) => ({ value: c, label: t(`console.msg.channel.${c}`) }))}
          />
          <SelectField
            label={t("console.msg.filter.kind")}
            name="kind"
            defaultValue={filters.kind ?? ""}
            placeholder={t("console.common.any")}
            options={TRIGGER_KINDS.map((k) => ({ value: k, label: t(`console.msg.kind.${k}`) }))}
          />
          <TextField label={t("console.msg.filter.q")} name="q" defaultValue={filters.q} />
        </FilterBar>
        <DataTable
          caption={t("console.msg.title")}
          sort={table.sort}
          page={table.page}
          pageSize={table.pageSize}
          total={list.total}
          columns={[
            { id: "created", header: t("console.msg.col.created"), hideBelow: "sm" },
            { id: "to", header: t("console.msg.col.to") },
            { id: "message", header: t("console.msg.col.message") },
            { id: "channel", header: t("console.msg.col.channel"), hideBelow: "md" },
            { id: "status", header: t("console.msg.col.status") },
            { id: "gate", header: t("console.msg.col.gate"), hideBelow: "lg" },
          ]}
          rows={list.rows.map((r) => ({
            id: r.id,
            cells: {
              created: <span className="whitespace-nowrap tabular-nums">{date(r.createdAt)}</span>,
              to: r.customerId ? (
                <Link href={`/admin/customers/${r.customerId}`} className="break-all text-brand-700 underline">
                  {r.to || "—"}
                </Link>
              ) : (
                r.to
              ),
              message: (
                <span>
                  <span className="font-medium text-slate-900">{kindText(r.kind, t)}</span>
                  <span className="block text-xs text-slate-600">
                    <span className="sm:hidden">{date(r.createdAt)} · </span>
                    {t(`console.msg.category.${r.category}`)}
                    {r.title ? ` · ${r.title}` : ""}
                  </span>
                </span>
              ),
              channel: t(`console.msg.channel.${r.channel === "sms" ? "sms" : "email"}`),
              status: <MessageStatusBadge status={r.status} t={t} />,
              gate: (
                <span className="text-sm text-slate-700">
                  {gateText(r.gate, r.reason, t)}
                  {r.status === "queued" && r.notBefore > now() ? <span className="block text-xs text-slate-600">{t("console.msg.notBefore", { date: date(r.notBefore) })}</span> : null}
                  {r.attempts > 1 ? <span className="block text-xs text-slate-600">{t("console.msg.attempts", { n: r.attempts })}</span> : null}
                </span>
              ),
            },
          }))}
          empty={<EmptyState title={filtered ? t("console.msg.emptyFiltered") : t("console.msg.empty")} />}
        />
      </div>
    </>
  );
}
