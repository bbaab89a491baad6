// Feedback inbox: requests from the cabinet with filters (status, topic, assignee, waiting time,
// subject), longest-waiting open requests first.
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/admin/data-table";
import { FilterBar } from "@/components/admin/filter-bar";
import { SelectField, TextField } from "@/components/admin/form-field";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/states";
import { can, requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { listRequests, listTopics, topicTitle } from "@/lib/feedback";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { ago, daysAgo } from "./ago";
import { consoleStaffChoices } from "@/lib/admin/staff-users";
import { programZone } from "@/lib/admin/program-info";

export const generateMetadata = pageTitle("title.console.feedback");
const STATUSES = ["open", "answered", "closed"] as const;
const AGES = ["1", "3", "7"] as const;
const STATUS_COLOR = { open: "amber", answered: "blue", closed: "neutral" } as const;

export default async function FeedbackPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requirePermission("feedback.view");
  const { t, locale } = await getT();
  const sp = await searchParams;
  const str = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string).slice(0, 100) : undefined);
  const status = STATUSES.find((s) => s === sp.status);
  const age = AGES.find((a) => a === sp.age);
  const page = Math.min(200, Math.max(1, Number(sp.page) || 1));
  const [topics, staffUsers, program] = await Promise.all([listTopics(db(), staff.programId), consoleStaffChoices(db(), staff.programId), programZone(db(), staff.programId)]);
  const topicId = topics.find((x) => x.id === sp.topic)?.id;
  const assigneeId = sp.assignee === "none" ? "none" : staffUsers.find((u) => u.id === sp.assignee)?.id;
  const q = str("q");
  // "Waiting over N days" narrows the longest-waiting first list (the domain sorts open requests that way).
  const result = await listRequests(db(), staff.programId, { status, topicId, assigneeId, q, page: age ? 1 : page, pageSize: age ? 200 : 25 });
  const cutoff = age ? daysAgo(Number(age)) : null;
  const rows = cutoff ? result.items.filter((r) => r.status !== "closed" && r.lastMessageAt.getTime() < cutoff) : result.items;
  const names = new Map(staffUsers.map((u) => [u.id, u.name]));

  return (
    <>
      <PageHeader title={t("fb.title")} description={t("fb.lead")} actions={can(staff.role, "feedback.topics") ? <ButtonLink href="/admin/feedback/topics">{t("fb.topics")}</ButtonLink> : undefined} />
      <FilterBar action="/admin/feedback" applyLabel={t("console.common.apply")} resetLabel={t("console.common.reset")}>
        <SelectField
          label={t("fb.f.status")}
          name="status"
          defaultValue={status ?? ""}
          placeholder={t("console.common.any")}
          options={STATUSES.map((s) => ({ value: s, label: t(`fb.status.${s}`) }))}
        />
        <SelectField
          label={t("fb.f.topic")}
          name="topic"
          defaultValue={topicId ?? ""}
          placeholder={t("console.common.any")}
          options={topics.map((x) => ({ value: x.id, label: topicTitle(x, locale) }))}
        />
        <SelectField
          label={t("fb.f.assignee")}
          name="assignee"
          defaultValue={assigneeId ?? ""}
          placeholder={t("console.common.any")}
          options={[{ value: "none", label: t("fb.f.unassigned") }, ...staffUsers.map((u) => ({ value: u.id, label: u.name }))]}
        />
        <SelectField label={t("fb.f.age")} name="age" defaultValue={age ?? ""} placeholder={t("console.common.any")} options={AGES.map((a) => ({ value: a, label: t(`fb.f.age.${a}`) }))} />
        <TextField label={t("fb.f.q")} name="q" type="search" defaultValue={q} className="sm:col-span-2" />
      </FilterBar>
      {rows.length === 0 ? (
        <EmptyState title={t("fb.empty")} text={t("fb.emptyText")} />
      ) : (
        <DataTable
          caption={t("fb.title")}
          page={age ? 1 : result.page}
          pageSize={age ? rows.length : result.pageSize}
          total={age ? rows.length : result.total}
          columns={[
            { id: "subject", header: t("fb.col.subject") },
            { id: "customer", header: t("fb.col.customer"), hideBelow: "sm" },
            { id: "topic", header: t("fb.col.topic"), hideBelow: "md" },
            { id: "status", header: t("fb.col.status") },
            { id: "waiting", header: t("fb.col.waiting"), hideBelow: "sm" },
            { id: "assignee", header: t("fb.col.assignee"), hideBelow: "lg" },
          ]}
          rows={rows.map((r) => ({
            id: r.id,
            href: `/admin/feedback/${r.id}`,
            cells: {
              subject: (
                <Link href={`/admin/feedback/${r.id}`} className="font-medium text-slate-900 hover:underline">
                  {r.subject}
                </Link>
              ),
              customer: r.customer ? [r.customer.firstName, r.customer.lastName].filter(Boolean).join(" ") || r.customer.phone : "—",
              topic: r.partner ? (
                <span>
                  {topicTitle(r.topic, locale)} <Badge tone="brand">{r.partner.name}</Badge>
                </span>
              ) : (
                topicTitle(r.topic, locale)
              ),
              status: <Badge tone={STATUS_COLOR[r.status]}>{t(`fb.status.${r.status}`)}</Badge>,
              waiting: <span title={formatDate(locale, r.lastMessageAt, program.timezone, { dateStyle: "medium", timeStyle: "short" })}>{t("fb.ago", { time: ago(locale, r.lastMessageAt) })}</span>,
              assignee: r.assigneeId ? (names.get(r.assigneeId) ?? "—") : <span className="text-slate-500">{t("fb.f.unassigned")}</span>,
            },
          }))}
        />
      )}
    </>
  );
}
