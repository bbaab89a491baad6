// Staff users (owner only): who can use the console and the partner portal, with which role.
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { listStaff } from "@/lib/admin/staff-users";
import { listPartners } from "@/lib/admin/stores";
import { programInfo } from "@/lib/admin/program-info";
import { createStaffAction } from "./actions";
import { StaffForm } from "./staff-forms";

export const generateMetadata = pageTitle("title.console.staff");

export default async function StaffPage() {
  const staff = await requirePermission("staff.view");
  const { t, locale } = await getT();
  const [users, partners, program] = await Promise.all([listStaff(db(), staff.programId), listPartners(db(), staff.programId), programInfo(db(), staff.programId, locale)]);
  const now = new Date();
  return (
    <>
      <PageHeader title={t("console.staff.title")} description={t("console.staff.lead")} />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <DataTable
          caption={t("console.staff.title")}
          page={1}
          pageSize={users.length}
          total={users.length}
          columns={[
            { id: "name", header: t("console.staff.name") },
            { id: "role", header: t("console.staff.role") },
            { id: "status", header: t("console.staff.status"), hideBelow: "sm" },
            { id: "lastLogin", header: t("console.staff.lastLogin"), hideBelow: "md" },
          ]}
          rows={users.map((u) => ({
            id: u.id,
            href: `/admin/staff/${u.id}`,
            cells: {
              name: (
                <div className="min-w-0">
                  <Link href={`/admin/staff/${u.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {u.name}
                  </Link>
                  <div className="truncate text-xs text-slate-500">{u.email}</div>
                </div>
              ),
              role: (
                <span>
                  {t(`console.role.${u.role}`)}
                  {u.partner && <span className="block text-xs text-slate-500">{u.partner.name}</span>}
                </span>
              ),
              status: !u.active ? (
                <Badge tone="neutral">{t("console.staff.inactive")}</Badge>
              ) : u.lockedUntil && u.lockedUntil > now ? (
                <Badge tone="red">{t("console.staff.locked")}</Badge>
              ) : (
                <Badge tone="green">{t("console.staff.active")}</Badge>
              ),
              lastLogin: (
                <span className="text-xs text-slate-600">
                  {u.lastLoginAt ? formatDate(locale, u.lastLoginAt, program.timezone, { dateStyle: "medium", timeStyle: "short" }) : t("console.common.never")}
                </span>
              ),
            },
          }))}
        />
        <Panel title={t("console.staff.new")} className="self-start">
          <StaffForm action={createStaffAction} partners={partners} />
        </Panel>
      </div>
    </>
  );
}
