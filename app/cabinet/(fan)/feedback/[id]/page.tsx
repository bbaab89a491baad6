// One feedback request: its thread and a reply box. Another fan's request is a 404.
import { pageTitle } from "@/lib/i18n/server";
import Link from "next/link";
import { getMyRequest, topicTitle } from "@/lib/feedback";
import { formatDate } from "@/lib/i18n/translate";
import { Badge } from "@/components/ui/badge";
import { CabinetForm, Submit } from "@/components/cabinet/form";
import { TextArea } from "@/components/cabinet/textarea";
import { Crest } from "@/components/cabinet/shell";
import { loadCabinet, orNotFound } from "../../../_lib/context";
import { replyAction } from "../actions";

export const generateMetadata = pageTitle("title.cabinet.feedback");

const TONE = { open: "amber", answered: "green", closed: "neutral" } as const;

export default async function FeedbackThreadPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const { customer, program, t, locale, db } = await loadCabinet();
  const r = await orNotFound(getMyRequest(db, customer.id, id));
  const topic = topicTitle(r.topic, locale);
  return (
    <div className="mx-auto max-w-2xl">
      <Link href="/cabinet/feedback" className="inline-flex items-center gap-1 text-sm font-semibold text-brand-700 hover:underline">
        ← {t("cabinet.back")}
      </Link>
      {sp.created && (
        <p role="status" className="mt-3 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
          {t("cabinet.feedback.created")}
        </p>
      )}
      <div className="mt-3 flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h1 className="text-2xl font-black tracking-tight">{r.subject}</h1>
          <p className="text-sm text-slate-500">{topic}</p>
        </div>
        <Badge tone={TONE[r.status]}>{t(`cabinet.feedback.status.${r.status}`)}</Badge>
      </div>
      <ol className="mt-5 space-y-3" aria-label={r.subject}>
        {r.messages.map((m) => {
          const mine = m.author === "customer";
          return (
            <li key={m.id} className={`flex gap-2 ${mine ? "justify-end" : "justify-start"}`}>
              {!mine && <Crest className="mt-1 size-8 shrink-0" />}
              <div className={`max-w-[85%] rounded-2xl px-4 py-3 shadow-sm ${mine ? "rounded-br-md bg-brand-600 text-white" : "rounded-bl-md bg-white ring-1 ring-slate-200"}`}>
                <p className={`text-xs font-semibold ${mine ? "text-white/80" : "text-brand-700"}`}>{mine ? t("cabinet.feedback.you") : t("cabinet.feedback.club", { program: program.name })}</p>
                <p className="mt-1 whitespace-pre-wrap break-words text-sm">{m.body}</p>
                <p className={`mt-1 text-[11px] ${mine ? "text-white/70" : "text-slate-500"}`}>{formatDate(locale, m.createdAt, program.timezone, { dateStyle: "medium", timeStyle: "short" })}</p>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="mt-6 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
        {r.status === "closed" && <p className="mb-3 text-sm text-slate-600">{t("cabinet.feedback.closedNote")}</p>}
        <CabinetForm action={replyAction} resetOnSuccess className="space-y-3">
          <input type="hidden" name="requestId" value={r.id} />
          <TextArea name="body" label={t("cabinet.feedback.reply")} rows={3} maxLength={4000} required />
          <Submit pending={t("cabinet.feedback.sending")}>{t("cabinet.feedback.sendReply")}</Submit>
        </CabinetForm>
      </div>
    </div>
  );
}
