"use client";
// Registering a site, and the one-time display of its client id and secret.
import { useState } from "react";
import { ActionForm, SubmitButton, type FormAction } from "@/components/admin/action-form";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/admin/form-field";
import { useT } from "@/lib/i18n/client";
import type { OidcScope } from "@/lib/identity/clients";
import { OneTimeSecret } from "@/components/ui/one-time-secret";

type Issued = { clientId: string; clientSecret: string | null };

export function RegisterSiteForm({ action, scopes }: { action: FormAction<Issued>; scopes: readonly OidcScope[] }) {
  const t = useT();
  const [issued, setIssued] = useState<Issued | null>(null);
  if (issued)
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-700">
          {t("console.sites.clientId")}:{" "}
          <code data-testid="client-id" className="select-all font-mono">
            {issued.clientId}
          </code>
        </p>
        {issued.clientSecret ? (
          <OneTimeSecret label={t("console.sites.secretOnce")} value={issued.clientSecret} onDone={() => setIssued(null)} doneLabel={t("console.common.done")} />
        ) : (
          <button type="button" className="text-sm font-medium text-brand-800 underline" onClick={() => setIssued(null)}>
            {t("console.common.done")}
          </button>
        )}
      </div>
    );
  return (
    <ActionForm action={action} resetOnSuccess className="space-y-4" aria-label={t("console.sites.register")} onSuccess={(r) => r.data && setIssued(r.data)}>
      <TextField label={t("console.sites.name")} name="name" required maxLength={80} placeholder="Tickets" />
      <TextAreaField label={t("console.sites.redirectUris")} name="redirectUris" required rows={2} placeholder="https://tickets.example.com/callback" />
      <TextAreaField label={t("console.sites.logoutUris")} name="postLogoutRedirectUris" rows={2} />
      <SelectField
        label={t("console.sites.type")}
        name="type"
        defaultValue="confidential"
        options={[
          { value: "confidential", label: t("console.sites.confidential") },
          { value: "public", label: t("console.sites.public") },
        ]}
      />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("console.sites.scopes")}</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {scopes.map((scope) => (
            <CheckboxField key={scope} name="scopes" value={scope} label={`${t(`identity.scope.${scope}`)} (${scope})`} defaultChecked={scope !== "offline_access"} disabled={scope === "openid"} />
          ))}
        </div>
      </fieldset>
      <SubmitButton>{t("console.sites.register")}</SubmitButton>
    </ActionForm>
  );
}

export function RotateSecret({ action, clientId }: { action: FormAction<Issued>; clientId: string }) {
  const t = useT();
  const [secret, setSecret] = useState<string | null>(null);
  if (secret) return <OneTimeSecret label={t("console.sites.secretOnce")} value={secret} onDone={() => setSecret(null)} doneLabel={t("console.common.done")} />;
  return (
    <ActionForm action={action} className="inline" onSuccess={(r) => setSecret(r.data?.clientSecret ?? null)}>
      <input type="hidden" name="clientId" value={clientId} />
      <SubmitButton variant="secondary" size="sm">
        {t("console.sites.rotate")}
      </SubmitButton>
    </ActionForm>
  );
}
