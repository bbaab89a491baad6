"use client";
// Sending a draft: a test to the marketer's own address (email) or phone (SMS), then "Send now"
// (confirmed) or "Schedule" at a local date and time of the program.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { SelectField, TextField } from "@/components/admin/form-field";
import { Panel } from "@/components/ui/card";
import { useT } from "@/lib/i18n/client";
import { scheduleAt, sendNow, testSend } from "./actions";

export function SendPanel({ id, name, channel, variants, testEmail, minLocal }: { id: string; name: string; channel: "email" | "sms"; variants: string[]; testEmail: string; minLocal: string }) {
  const t = useT();
  const router = useRouter();
  const [at, setAt] = useState("");
  return (
    <Panel title={t("cmp.send.title")} id="send">
      <p className="text-sm text-slate-600">{t("cmp.send.lead")}</p>
      <ActionForm action={testSend} className="mt-4 flex flex-wrap items-end gap-3" aria-label={t("cmp.send.test")}>
        <input type="hidden" name="id" value={id} />
        <SelectField className="w-28" label={t("cmp.send.testVariant")} name="variant" options={variants.map((v) => ({ value: v, label: v }))} />
        <SelectField
          className="w-32"
          label={t("cmp.send.testLocale")}
          name="locale"
          options={[
            { value: "ru", label: "RU" },
            { value: "en", label: "EN" },
          ]}
        />
        {channel === "sms" ? (
          <TextField className="w-48" label={t("cmp.send.testPhone")} name="phone" type="tel" required placeholder="+7…" />
        ) : (
          <p className="pb-2 text-sm text-slate-600">{t("cmp.send.testTo", { to: testEmail })}</p>
        )}
        <SubmitButton variant="secondary">{t("cmp.send.test")}</SubmitButton>
      </ActionForm>
      <div className="mt-6 flex flex-wrap items-end gap-6 border-t border-slate-100 pt-6">
        <ActionForm
          action={sendNow}
          confirm={{ title: t("cmp.send.now"), text: t("cmp.send.nowConfirm", { name }), confirmLabel: t("cmp.send.now") }}
          onSuccess={() => router.refresh()}
          aria-label={t("cmp.send.now")}
        >
          <input type="hidden" name="id" value={id} />
          <SubmitButton>{t("cmp.send.now")}</SubmitButton>
        </ActionForm>
        <ActionForm action={scheduleAt} onSuccess={() => router.refresh()} className="flex flex-wrap items-end gap-3" aria-label={t("cmp.send.schedule")}>
          <input type="hidden" name="id" value={id} />
          <TextField label={t("cmp.send.at")} name="at" type="datetime-local" min={minLocal} required value={at} onChange={(e) => setAt(e.target.value)} />
          <SubmitButton variant="secondary">{t("cmp.send.schedule")}</SubmitButton>
        </ActionForm>
      </div>
    </Panel>
  );
}
