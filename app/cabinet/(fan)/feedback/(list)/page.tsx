// Support: the fan's requests with their status, and a form to open a new one.
import { pageTitle } from "@/lib/i18n/server";
import Link from "next/link";
import { listFeedbackPartners, listMyRequests, listTopics, topicTitle } from "@/lib/feedback";
import { formatDate } from "@/lib/i18n/translate";
import { PageTitle } from "@/components/cabinet/ui";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/states";
import { Icon } from "@/components/cabinet/icons";
import { Panel } from "@/components/ui/card";
import { CabinetForm, Submit, TextInput } from "@/components/cabinet/form";
import { Select, TextArea } from "@/components/cabinet/textarea";
import { loadCabinet } from "../../../_lib/context";
import { openRequestAction } from "../actions";

export const generateMetadata = pageTitle("title.cabinet.feedback");

const STATUS_TONE = { open: "amber", answered: "green", closed: "neutral" } as const;

export default async function FeedbackPage() {
  const { customer, program, t, locale, db } = await loadCabinet();
  const [topics, requests, partners] = await Promise.all([listTopics(db, program.id, { activeOnly: true }), listMyRequests(db, customer.id), listFeedbackPartners(db, program.id)]);
  return (
    <div>
      <PageTitle title={t("cabinet.feedback.title")} lead={t("cabinet.feedback.lead")} />
      <div className="grid gap-5 lg:grid-cols-[1fr_1.1fr]">
        <Panel density="roomy" title={t("cabinet.feedback.new")} id="new-request" className="lg:order-2 lg:self-start">
          <CabinetForm action={openRequestAction} className="space-y-4" aria-label={t("cabinet.feedback.new")}>
            <Select
              name="topicId"
              label={t("cabinet.feedback.topic")}
              placeholder={t("cabinet.feedback.chooseTopic")}
              options={topics.map((x) => ({ value: x.id, label: topicTitle(x, locale) }))}
              required
            />
            {partners.length > 0 && (
              <Select
                name="partnerId"
                label={t("cabinet.feedback.partner")}
                options={[{ value: "", label: t("cabinet.feedback.noPartner") }, ...partners.map((p) => ({ value: p.id, label: p.name }))]}
              />
            )}
            <TextInput name="subject" label={t("cabinet.feedback.subject")} maxLength={140} required />
            <TextArea name="body" label={t("cabinet.feedback.message")} maxLength={4000} required />
            <Submit pending={t("cabinet.feedback.sending")} className="w-full sm:w-auto">
              {t("cabinet.feedback.send")}
            </Submit>
          </CabinetForm>
        </Panel>
        <Panel density="roomy" title={t("cabinet.feedback.mine")} className="lg:order-1">
          {requests.length === 0 ? (
            <EmptyState icon={<Icon name="feedback" className="size-6" />} text={t("cabinet.feedback.empty")} />
          ) : (
            <ul className="divide-y divide-slate-100">
              {requests.map((r) => (
                <li key={r.id}>
                  <Link href={`/cabinet/feedback/${r.id}`} className="-mx-2 block rounded-xl px-2 py-3 hover:bg-slate-50">
                    <div className="flex items-start justify-between gap-3">
                      <p className="min-w-0 font-semibold">{r.subject}</p>
                      <Badge tone={STATUS_TONE[r.status]}>{t(`cabinet.feedback.status.${r.status}`)}</Badge>
                    </div>
                    <p className="mt-0.5 text-xs text-slate-500">
                      {topicTitle(r.topic, locale)} · {formatDate(locale, r.lastMessageAt, program.timezone, { dateStyle: "medium", timeStyle: "short" })} ·{" "}
                      {t("cabinet.feedback.messages", { n: r._count.messages })}
                    </p>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </div>
  );
}
