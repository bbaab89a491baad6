// Partners (owner): each coalition partner with its stores, earn rate, the range it may set its
// rate in and how many business contacts it keeps.
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import { PageHeader } from "@/components/admin/page-header";
import { EmptyState } from "@/components/ui/states";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatNumber } from "@/lib/i18n/translate";
import { listConsolePartners } from "@/lib/partner/console";

export const generateMetadata = pageTitle("title.console.partners");

export default async function PartnersPage() {
  const staff = await requirePermission("partners.view");
  const { t, locale } = await getT();
  const partners = await listConsolePartners(db(), staff.programId, locale);
  const pct = (bp: number) => `${formatNumber(locale, bp / 100)} %`;
  return (
    <>
      <PageHeader title={t("console.partners.title")} description={t("console.partners.lead")} />
      <DataTable
        caption={t("console.partners.title")}
        page={1}
        pageSize={Math.max(partners.length, 1)}
        total={partners.length}
        empty={<EmptyState title={t("console.partners.empty")} />}
        columns={[
          { id: "name", header: t("console.partners.name") },
          { id: "stores", header: t("console.partners.stores"), align: "right", hideBelow: "sm" },
          { id: "rate", header: t("console.partners.rate"), align: "right" },
          { id: "bounds", header: t("console.partners.bounds"), hideBelow: "md" },
          { id: "contacts", header: t("console.partners.contacts"), align: "right" },
        ]}
        rows={partners.map((p) => ({
          id: p.id,
          href: `/admin/partners/${p.id}`,
          cells: {
            name: (
              <div>
                <Link href={`/admin/partners/${p.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  {p.name}
                </Link>
                <div className="font-mono text-xs text-slate-500">{p.code}</div>
              </div>
            ),
            stores: formatNumber(locale, p.stores),
            rate: p.rateBp === null ? "—" : pct(p.rateBp),
            bounds: p.bounds ? `${pct(p.bounds.minBp)} – ${pct(p.bounds.maxBp)}` : <span className="text-slate-500">{t("console.partners.noBounds")}</span>,
            contacts: formatNumber(locale, p.contacts.length),
          },
        }))}
      />
    </>
  );
}
