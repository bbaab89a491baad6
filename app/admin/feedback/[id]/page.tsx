// One feedback request: the conversation, a reply (the fan sees it in the cabinet and gets an
// email), the assignee, close / reopen.
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { RefreshingActionButton as ActionButton } from "@/components/admin/catalog/refresh-button";
import { CheckboxField, SelectField, TextAreaField } from "@/components/admin/form-field";
import { Facts, PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { can, requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getRequest, topicTitle } from "@/lib/feedback";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { assignToStaff, closeFeedback, reopenFeedback, replyToRequest } from "../actions";
import { consoleStaffChoices } from "@/lib/admin/staff-users";
import { programZone } from "@/lib/admin/program-info";

export const generateMetadata = pageTitle("title.console.feedbackRequest");
const STATUS_COLOR = { open: "amber", answered: "blue", closed: "neutral" } as const;

export default async function FeedbackRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requirePermission("feedback.view");
  const { id } = await params;
  const { t, locale } = await getT();
  const request = await getRequest(db(), staff.programId, id).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const [staffUsers, program] = await Promise.all([consoleStaffChoices(db(), staff.programId), programZone(db(), staff.programId)]);
  const names = new Map(staffUsers.map((u) => [u.id, u.name]));
  const manage = can(staff.role, "feedback.manage");
  const when = (d: Date) => formatDate(locale, d, program.timezone, { dateStyle: "medium", timeStyle: "short" });
  const customerName = request.customer ? [request.customer.firstName, request.customer.lastName].filter(Boolean).join(" ") || request.customer.phone : "—";

  return (
    <>
      <PageHeader
        title={request.subject}
        back={{ href: "/admin/feedback", label: t("fb.title") }}
        actions={
          manage ? (
            request.status === "closed" ? (
              <ActionButton action={reopenFeedback} fields={{ id: request.id }} size="md">
                {t("fb.reopen")}
              </ActionButton>
            ) : (
              <ActionButton action={closeFeedback} fields={{ id: request.id }} size="md" confirm={{ title: t("fb.closeTitle"), text: t("fb.closeText"), confirmLabel: t("fb.close"), danger: false }}>
                {t("fb.close")}
              </ActionButton>
            )
          ) : undefined
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-6">
          <Panel title={t("fb.thread")} id="thread">
            <ol className="space-y-4">
              {request.messages.map((m) => {
                const mine = m.author === "staff";
                return (
                  <li key={m.id} className={`flex ${mine ? "justify-end" : "justify-start"}`}>
                    <div className={`max-w-[85%] rounded-2xl px-4 py-3 text-sm ${mine ? "bg-brand-50 text-slate-900 ring-1 ring-brand-100" : "bg-slate-100 text-slate-900"}`}>
                      <p className="mb-1 text-xs text-slate-600">
                        {mine ? `${t("fb.staff")}${m.staffId ? ` · ${names.get(m.staffId) ?? ""}` : ""}` : `${t("fb.fan")} · ${customerName}`} · {when(m.createdAt)}
                      </p>
                      <p className="whitespace-pre-wrap break-words">{m.body}</p>
                    </div>
                  </li>
                );
              })}
            </ol>
          </Panel>
          {manage ? (
            <ActionForm action={replyToRequest} resetOnSuccess className="space-y-3 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-label={t("fb.reply")}>
              <input type="hidden" name="id" value={request.id} />
              <TextAreaField label={t("fb.reply")} name="body" rows={5} required maxLength={4000} hint={t("fb.replyHint")} />
              <CheckboxField label={t("fb.replyAndClose")} name="close" />
              <SubmitButton>{t("fb.send")}</SubmitButton>
            </ActionForm>
          ) : (
            <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">{t("fb.readOnly")}</p>
          )}
        </div>
        <aside className="space-y-6">
          <Panel>
            <Facts
              items={[
                { label: t("fb.col.status"), value: <Badge tone={STATUS_COLOR[request.status]}>{t(`fb.status.${request.status}`)}</Badge> },
                { label: t("fb.col.topic"), value: topicTitle(request.topic, locale) },
                {
                  label: t("fb.col.customer"),
                  value: request.customer ? (
                    <Link href={`/admin/customers/${request.customer.id}`} className="text-brand-700 hover:underline">
                      {customerName}
                    </Link>
                  ) : (
                    "—"
                  ),
                },
                { label: t("fb.col.waiting"), value: when(request.lastMessageAt) },
              ]}
            />
          </Panel>
          {manage && (
            <ActionForm action={assignToStaff} className="space-y-3 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-label={t("fb.assign")}>
              <input type="hidden" name="id" value={request.id} />
              <SelectField
                label={t("fb.assign")}
                name="assigneeId"
                defaultValue={request.assigneeId ?? ""}
                placeholder={t("fb.f.unassigned")}
                options={staffUsers.map((u) => ({ value: u.id, label: u.name }))}
              />
              <SubmitButton variant="secondary" size="sm">
                {t("console.common.save")}
              </SubmitButton>
            </ActionForm>
          )}
        </aside>
      </div>
    </>
  );
}
