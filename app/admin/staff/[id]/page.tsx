// One staff user: role and partner, deactivate / reactivate, reset the password.
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-form";
import { Facts, PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { listPartners } from "@/lib/admin/stores";
import { programInfo } from "@/lib/admin/program-info";
import { resetPasswordAction, setActiveAction, updateStaffAction } from "../actions";
import { ResetPassword, StaffForm } from "../staff-forms";
import { findStaffUser } from "@/lib/admin/staff-users";

export const generateMetadata = pageTitle("title.console.staffUser");

export default async function StaffUserPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requirePermission("staff.manage");
  const { id } = await params;
  const { t, locale } = await getT();
  const user = await findStaffUser(db(), staff.programId, id);
  if (!user) notFound();
  const [partners, program] = await Promise.all([listPartners(db(), staff.programId), programInfo(db(), staff.programId, locale)]);
  const when = (d: Date | null) => (d ? formatDate(locale, d, program.timezone, { dateStyle: "medium", timeStyle: "short" }) : t("console.common.never"));
  const self = user.id === staff.id;
  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {user.name} {user.active ? <Badge tone="green">{t("console.staff.active")}</Badge> : <Badge>{t("console.staff.inactive")}</Badge>}
          </span>
        }
        description={user.email}
        back={{ href: "/admin/staff", label: t("console.staff.title") }}
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <Panel title={t("console.stores.settings")}>
          <StaffForm action={updateStaffAction} partners={partners} user={user} />
        </Panel>
        <div className="space-y-6">
          <Panel title={t("console.staff.access")}>
            <Facts
              items={[
                { label: t("console.staff.lastLogin"), value: when(user.lastLoginAt) },
                { label: t("console.staff.lockedUntil"), value: user.lockedUntil && user.lockedUntil > new Date() ? when(user.lockedUntil) : "—" },
                { label: t("console.staff.createdAt"), value: when(user.createdAt) },
              ]}
            />
            <div className="mt-5 flex flex-wrap gap-2">
              <ResetPassword
                action={resetPasswordAction}
                userId={user.id}
                label={t("console.staff.resetPassword")}
                confirmTitle={t("console.staff.resetTitle", { name: user.name })}
                confirmText={t("console.staff.resetText")}
                passwordOnce={t("console.staff.passwordOnce")}
                done={t("console.common.done")}
              />
              {!self &&
                (user.active ? (
                  <ActionButton
                    action={setActiveAction}
                    fields={{ userId: user.id, active: "0" }}
                    variant="danger"
                    size="md"
                    confirm={{ title: t("console.staff.deactivateTitle", { name: user.name }), text: t("console.staff.deactivateText"), confirmLabel: t("console.staff.deactivate") }}
                  >
                    {t("console.staff.deactivate")}
                  </ActionButton>
                ) : (
                  <ActionButton action={setActiveAction} fields={{ userId: user.id, active: "1" }} variant="primary" size="md">
                    {t("console.staff.reactivate")}
                  </ActionButton>
                ))}
            </div>
          </Panel>
        </div>
      </div>
    </>
  );
}
