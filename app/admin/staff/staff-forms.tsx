"use client";
// Staff forms: create / edit (role, partner), and the one-time display of a temporary password.
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { useState } from "react";
import { ActionForm, SubmitButton, type FormAction } from "@/components/admin/action-form";
import { SelectField, TextField } from "@/components/admin/form-field";
import { Button } from "@/components/ui/button";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { useT } from "@/lib/i18n/client";

export function StaffForm<T>({
  action,
  partners,
  user,
}: {
  action: FormAction<T>;
  partners: { id: string; name: string }[];
  user?: { id: string; email: string; name: string; role: string; partnerId: string | null };
}) {
  const t = useT();
  const [secret, setSecret] = useState<string | null>(null);
  const submit = user ? t("console.common.save") : t("console.staff.create");
  if (secret) return <OneTimeSecret label={t("console.staff.passwordOnce")} value={secret} onDone={() => setSecret(null)} doneLabel={t("console.common.done")} />;
  return (
    <ActionForm
      action={action}
      resetOnSuccess={!user}
      className="space-y-4"
      aria-label={submit}
      onSuccess={(r) => {
        const pw = (r.data as { password?: string } | undefined)?.password;
        if (pw) setSecret(pw);
      }}
    >
      {user && <input type="hidden" name="userId" value={user.id} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("console.staff.email")} name="email" type="email" required defaultValue={user?.email} autoComplete="off" />
        <TextField label={t("console.staff.name")} name="name" required defaultValue={user?.name} maxLength={120} />
        <SelectField label={t("console.staff.role")} name="role" required defaultValue={user?.role ?? "support"} options={STAFF_ROLES.map((r) => ({ value: r, label: t(`console.role.${r}`) }))} />
        <SelectField
          label={t("console.staff.partner")}
          name="partnerId"
          hint={t("console.staff.partnerHint")}
          defaultValue={user?.partnerId ?? ""}
          options={[{ value: "", label: t("console.stores.noPartner") }, ...partners.map((p) => ({ value: p.id, label: p.name }))]}
        />
      </div>
      <SubmitButton>{submit}</SubmitButton>
    </ActionForm>
  );
}

export function ResetPassword<T>({
  action,
  userId,
  label,
  confirmTitle,
  confirmText,
  passwordOnce,
  done,
}: {
  action: FormAction<T>;
  userId: string;
  label: string;
  confirmTitle: string;
  confirmText: string;
  passwordOnce: string;
  done: string;
}) {
  const [secret, setSecret] = useState<string | null>(null);
  if (secret) return <OneTimeSecret label={passwordOnce} value={secret} onDone={() => setSecret(null)} doneLabel={done} />;
  return (
    <ActionForm action={action} confirm={{ title: confirmTitle, text: confirmText, confirmLabel: label }} onSuccess={(r) => setSecret((r.data as { password?: string } | undefined)?.password ?? null)}>
      <input type="hidden" name="userId" value={userId} />
      <SubmitButton variant="secondary">{label}</SubmitButton>
    </ActionForm>
  );
}
