"use client";
// Registering a site, and the one-time display of its client id and secret.
import { useState } from "react";
import { ActionForm, SubmitButton, type FormAction } from "@/components/admin/action-form";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/admin/form-field";
import { OneTimeSecret } from "../staff/staff-forms";

export interface SiteFormText {
  name: string;
  redirectUris: string;
  logoutUris: string;
  type: string;
  confidential: string;
  public: string;
  scopes: string;
  scopeLabels: Record<string, string>;
  submit: string;
  secretOnce: string;
  clientId: string;
  done: string;
  rotate: string;
}

type Issued = { clientId: string; clientSecret: string | null };

export function RegisterSiteForm({ action, text }: { action: FormAction<Issued>; text: SiteFormText }) {
  const [issued, setIssued] = useState<Issued | null>(null);
  if (issued)
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-700">
          {text.clientId}:{" "}
          <code data-testid="client-id" className="select-all font-mono">
            {issued.clientId}
          </code>
        </p>
        {issued.clientSecret ? (
          <OneTimeSecret label={text.secretOnce} value={issued.clientSecret} onDone={() => setIssued(null)} doneLabel={text.done} />
        ) : (
          <button type="button" className="text-sm font-medium text-brand-800 underline" onClick={() => setIssued(null)}>
            {text.done}
          </button>
        )}
      </div>
    );
  return (
    <ActionForm action={action} resetOnSuccess className="space-y-4" aria-label={text.submit} onSuccess={(r) => r.data && setIssued(r.data)}>
      <TextField label={text.name} name="name" required maxLength={80} placeholder="Tickets" />
      <TextAreaField label={text.redirectUris} name="redirectUris" required rows={2} placeholder="https://tickets.example.com/callback" />
      <TextAreaField label={text.logoutUris} name="postLogoutRedirectUris" rows={2} />
      <SelectField
        label={text.type}
        name="type"
        defaultValue="confidential"
        options={[
          { value: "confidential", label: text.confidential },
          { value: "public", label: text.public },
        ]}
      />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{text.scopes}</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {Object.entries(text.scopeLabels).map(([scope, label]) => (
            <CheckboxField key={scope} name="scopes" value={scope} label={`${label} (${scope})`} defaultChecked={scope !== "offline_access"} disabled={scope === "openid"} />
          ))}
        </div>
      </fieldset>
      <SubmitButton>{text.submit}</SubmitButton>
    </ActionForm>
  );
}

export function RotateSecret({ action, clientId, text }: { action: FormAction<Issued>; clientId: string; text: SiteFormText }) {
  const [secret, setSecret] = useState<string | null>(null);
  if (secret) return <OneTimeSecret label={text.secretOnce} value={secret} onDone={() => setSecret(null)} doneLabel={text.done} />;
  return (
    <ActionForm action={action} className="inline" onSuccess={(r) => setSecret(r.data?.clientSecret ?? null)}>
      <input type="hidden" name="clientId" value={clientId} />
      <SubmitButton variant="secondary" size="sm">
        {text.rotate}
      </SubmitButton>
    </ActionForm>
  );
}
