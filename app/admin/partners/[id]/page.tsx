// One partner (owner): its earn rate and the range it may set it in (editable), and its business
// contacts as the partner keeps them (read-only). Another program's partner is a 404.
import { notFound } from "next/navigation";
import { Facts, PageHeader } from "@/components/admin/page-header";
import { PartnerBoundsForm } from "@/components/admin/partner-bounds-form";
import { Panel } from "@/components/ui/card";
import { can, requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatNumber } from "@/lib/i18n/translate";
import { getConsolePartner } from "@/lib/partner/console";
import { programZone } from "@/lib/admin/program-info";
import { saveRateBoundsAction } from "../actions";

export const generateMetadata = pageTitle("title.console.partner");

export default async function PartnerPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requirePermission("partners.view");
  const { id } = await params;
  const { t, locale } = await getT();
  const [partner, program] = await Promise.all([getConsolePartner(db(), staff.programId, id, locale), programZone(db(), staff.programId)]);
  if (!partner) notFound();
  const pct = (bp: number) => `${formatNumber(locale, bp / 100)} %`;
  return (
    <>
      <PageHeader title={partner.name} description={partner.code} back={{ href: "/admin/partners", label: t("console.partners.title") }} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <Panel title={t("console.partners.contactsTitle")}>
          <p className="-mt-2 mb-3 text-sm text-slate-500">{t("console.partners.contactsLead")}</p>
          {partner.contacts.length === 0 ? (
            <p className="text-sm text-slate-500">{t("console.partners.noContacts")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 rounded-xl ring-1 ring-slate-200" data-testid="partner-contacts">
              {partner.contacts.map((c) => (
                <li key={c.id} className="px-4 py-3 text-sm">
                  <p className="font-medium text-slate-900">
                    {c.name} <span className="font-normal text-slate-500">· {c.role}</span>
                  </p>
                  <p className="text-slate-600">
                    <a href={`mailto:${c.email}`} className="hover:underline">
                      {c.email}
                    </a>
                    {c.phone && <span className="whitespace-nowrap"> · {c.phone}</span>}
                    <span className="text-xs text-slate-500"> · {formatDate(locale, c.updatedAt, program.timezone, { dateStyle: "medium" })}</span>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title={t("console.partners.boundsTitle")} className="self-start">
          <Facts
            items={[
              { label: t("console.partners.rate"), value: partner.rateBp === null ? "—" : pct(partner.rateBp) },
              { label: t("console.partners.bounds"), value: partner.bounds ? `${pct(partner.bounds.minBp)} – ${pct(partner.bounds.maxBp)}` : t("console.partners.noBounds") },
            ]}
          />
          <p className="my-3 text-sm text-slate-500">{t("console.partners.boundsLead")}</p>
          {can(staff.role, "partners.edit") && (
            <PartnerBoundsForm action={saveRateBoundsAction} partnerId={partner.id} min={partner.bounds ? partner.bounds.minBp / 100 : null} max={partner.bounds ? partner.bounds.maxBp / 100 : null} />
          )}
        </Panel>
      </div>
    </>
  );
}
