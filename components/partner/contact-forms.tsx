"use client";
// The partner's business contacts: one row per person with inline editing and deletion, and the
// form that adds one. Field errors (zod, in the reader's language) show next to their controls.
import { useState } from "react";
import { ActionButton, ActionForm, SubmitButton, type FormAction } from "@/components/admin/action-form";
import { TextField } from "@/components/admin/form-field";
import { Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/client";

export interface ContactRowData {
  id: string;
  name: string;
  role: string;
  email: string;
  phone: string | null;
}

function Fields({ c }: { c?: ContactRowData }) {
  const t = useT();
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextField label={t("partner.contacts.name")} name="name" defaultValue={c?.name} required maxLength={120} autoComplete="off" />
      <TextField label={t("partner.contacts.role")} name="role" defaultValue={c?.role} placeholder={t("partner.contacts.rolePlaceholder")} required maxLength={80} />
      <TextField label={t("partner.contacts.email")} name="email" type="email" defaultValue={c?.email} required maxLength={254} autoComplete="off" />
      <TextField label={t("partner.contacts.phone")} name="phone" type="tel" defaultValue={c?.phone ?? ""} maxLength={32} autoComplete="off" />
    </div>
  );
}

export function ContactRow({ contact, save, remove }: { contact: ContactRowData; save: FormAction; remove: FormAction }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <li className="px-4 py-4" data-testid="contact-row">
        <ActionForm action={save} onSuccess={() => setEditing(false)} aria-label={t("partner.contacts.editTitle", { name: contact.name })} className="space-y-3">
          <input type="hidden" name="id" value={contact.id} />
          <Fields c={contact} />
          <div className="flex gap-2">
            <SubmitButton size="sm">{t("partner.contacts.save")}</SubmitButton>
            <Button variant="ghost" size="sm" onClick={() => setEditing(false)}>
              {t("partner.contacts.cancel")}
            </Button>
          </div>
        </ActionForm>
      </li>
    );
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm" data-testid="contact-row">
      <div className="min-w-0">
        <p className="font-medium text-slate-900">
          {contact.name} <span className="font-normal text-slate-500">· {contact.role}</span>
        </p>
        <p className="text-slate-600">
          <a href={`mailto:${contact.email}`} className="hover:underline">
            {contact.email}
          </a>
          {contact.phone && (
            <>
              {" · "}
              <a href={`tel:${contact.phone}`} className="whitespace-nowrap hover:underline">
                {contact.phone}
              </a>
            </>
          )}
        </p>
      </div>
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" onClick={() => setEditing(true)} aria-label={`${t("partner.contacts.edit")}: ${contact.name}`}>
          {t("partner.contacts.edit")}
        </Button>
        <ActionButton
          action={remove}
          fields={{ id: contact.id }}
          variant="dangerSoft"
          confirm={{ title: t("partner.contacts.deleteTitle", { name: contact.name }), text: t("partner.contacts.deleteText"), confirmLabel: t("partner.contacts.delete") }}
        >
          {t("partner.contacts.delete")}
        </ActionButton>
      </div>
    </li>
  );
}

export function AddContactForm({ add }: { add: FormAction }) {
  const t = useT();
  return (
    <ActionForm action={add} resetOnSuccess aria-label={t("partner.contacts.add")} className="space-y-3">
      <Fields />
      <SubmitButton>{t("partner.contacts.addButton")}</SubmitButton>
    </ActionForm>
  );
}
