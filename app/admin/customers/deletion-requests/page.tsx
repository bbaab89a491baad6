// Customers' deletion requests ("delete my account" in the cabinet) for support: who asked, when
// and why; "Anonymise" wipes the personal data and keeps the ledger (lib/admin/deletion-requests.ts).
import Link from "next/link";
import { ContactsCell } from "@/components/admin/contacts-cell";
import { DataTable } from "@/components/admin/data-table";
import { PageHeader } from "@/components/admin/page-header";
import { EmptyState } from "@/components/ui/states";
import { can, requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { openDeletionRequests } from "@/lib/admin/deletion-requests";
import { programInfo } from "@/lib/admin/program-info";
import { AnonymiseForm } from "./anonymise-form";

export const generateMetadata = pageTitle("title.console.deletionRequests");

export default async function DeletionRequestsPage() {
  const staff = await requirePermission("customers.view");
  const { t, locale } = await getT();
  const [program, rows] = await Promise.all([programInfo(db(), staff.programId, locale), openDeletionRequests(db(), staff.programId)]);
  const mayAnonymise = can(staff.role, "customers.anonymise");
  return (
    <>
      <PageHeader title={t("console.deletion.title")} description={t("console.deletion.lead")} back={{ href: "/admin/customers", label: t("console.customers.title") }} />
      <DataTable
        caption={t("console.deletion.title")}
        page={1}
        pageSize={Math.max(rows.length, 1)}
        total={rows.length}
        hasNext={false}
        columns={[
          { id: "name", header: t("console.customers.col.name") },
          { id: "contacts", header: t("console.customers.col.contacts") },
          { id: "reason", header: t("console.deletion.reason"), hideBelow: "md" },
          { id: "createdAt", header: t("console.deletion.requestedAt") },
          { id: "action", header: t("console.deletion.action"), align: "right" },
        ]}
        rows={rows.map((r) => ({
          id: r.id,
          cells: {
            name: (
              <Link href={`/admin/customers/${r.customerId}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                {r.name ?? t("console.customers.noName")}
              </Link>
            ),
            contacts: <ContactsCell phone={r.phone} email={r.email} />,
            reason: <span className="text-sm text-slate-600">{r.reason ?? "—"}</span>,
            createdAt: <span className="whitespace-nowrap text-slate-600">{formatDate(locale, r.createdAt, program.timezone, { dateStyle: "medium" })}</span>,
            action: mayAnonymise ? <AnonymiseForm customerId={r.customerId} who={r.name ?? r.phone ?? r.customerId} /> : <span className="text-xs text-slate-500">—</span>,
          },
        }))}
        empty={<EmptyState title={t("console.deletion.empty")} />}
      />
    </>
  );
}
