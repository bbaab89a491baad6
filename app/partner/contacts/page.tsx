// The partner's business contacts: its people, kept here by the partner's manager and read by the
// program's owner in the console (/admin/partners).
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-header";
import { AddContactForm, ContactRow } from "@/components/partner/contact-forms";
import { Panel } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { listPartnerContacts } from "@/lib/partner/contacts";
import { partnerInfo } from "@/lib/partner/partner-info";
import { requirePartner } from "@/lib/partner/session";
import { addContactAction, deleteContactAction, saveContactAction } from "./actions";

export const generateMetadata = pageTitle("title.partner.contacts");

export default async function PartnerContactsPage() {
  const me = await requirePartner();
  const info = await partnerInfo(db(), me.partnerId);
  if (!info) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const contacts = await listPartnerContacts(db(), me.partnerId, locale);
  return (
    <>
      <PageHeader title={t("partner.contacts.title")} description={t("partner.contacts.lead")} />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <Panel title={t("partner.contacts.title")}>
          {contacts.length === 0 ? (
            <EmptyState title={t("partner.contacts.empty")} text={t("partner.contacts.emptyHint")} />
          ) : (
            <ul className="-mx-1 divide-y divide-slate-100 rounded-xl ring-1 ring-slate-200" data-testid="contacts">
              {contacts.map((c) => (
                <ContactRow
                  key={`${c.id}-${c.updatedAt.toISOString()}`}
                  contact={{ id: c.id, name: c.name, role: c.role, email: c.email, phone: c.phone }}
                  save={saveContactAction}
                  remove={deleteContactAction}
                />
              ))}
            </ul>
          )}
        </Panel>
        <Panel title={t("partner.contacts.add")} className="self-start">
          <AddContactForm add={addContactAction} />
        </Panel>
      </div>
    </>
  );
}
