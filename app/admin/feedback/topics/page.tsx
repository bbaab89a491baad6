// Feedback topics: the list fans choose from, add one, hide or show one.
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { RefreshingActionButton as ActionButton } from "@/components/admin/catalog/refresh-button";
import { DataTable } from "@/components/admin/data-table";
import { TextField } from "@/components/admin/form-field";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { listTopics } from "@/lib/feedback";
import { getT, pageTitle } from "@/lib/i18n/server";
import { addTopic, toggleTopic } from "../actions";

export const generateMetadata = pageTitle("title.console.feedbackTopics");

export default async function FeedbackTopicsPage() {
  const staff = await requirePermission("feedback.topics");
  const { t } = await getT();
  const topics = await listTopics(db(), staff.programId);
  return (
    <>
      <PageHeader title={t("fb.topics")} description={t("fb.t.lead")} back={{ href: "/admin/feedback", label: t("fb.title") }} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <DataTable
          caption={t("fb.topics")}
          empty={<p className="text-center text-sm text-slate-500">{t("fb.t.empty")}</p>}
          columns={[
            { id: "title", header: t("fb.t.title") },
            { id: "titleRu", header: t("fb.t.titleRu"), hideBelow: "md" },
            { id: "code", header: t("fb.t.code"), hideBelow: "sm" },
            { id: "state", header: t("fb.t.active") },
            { id: "actions", header: "", align: "right" },
          ]}
          rows={topics.map((x) => ({
            id: x.id,
            cells: {
              title: <span className="font-medium text-slate-900">{x.title}</span>,
              titleRu: x.titleRu ?? "—",
              code: <code className="text-xs">{x.code}</code>,
              state: x.active ? <Badge tone="green">{t("console.common.yes")}</Badge> : <Badge>{t("console.common.no")}</Badge>,
              actions: (
                <ActionButton action={toggleTopic} fields={{ id: x.id, active: x.active ? "false" : "true" }} variant="ghost">
                  {x.active ? t("fb.t.hide") : t("fb.t.show")}
                </ActionButton>
              ),
            },
          }))}
        />
        <ActionForm action={addTopic} resetOnSuccess className="space-y-3 self-start rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-label={t("fb.t.add")}>
          <TextField label={t("fb.t.code")} name="code" required />
          <TextField label={t("fb.t.title")} name="title" required />
          <TextField label={t("fb.t.titleRu")} name="titleRu" />
          <TextField label={t("fb.t.sort")} name="sortOrder" type="number" defaultValue="0" />
          <SubmitButton>{t("fb.t.add")}</SubmitButton>
        </ActionForm>
      </div>
    </>
  );
}
