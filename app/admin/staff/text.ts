// Translated texts of the staff forms.
import type { Translate } from "@/lib/i18n/translate";
import { STAFF_ROLES } from "@/lib/auth/permissions";
import type { StaffFormText } from "./staff-forms";

export function staffFormText(t: Translate, submit: string): StaffFormText {
  return {
    email: t("console.staff.email"),
    name: t("console.staff.name"),
    role: t("console.staff.role"),
    roles: Object.fromEntries(STAFF_ROLES.map((r) => [r, t(`console.role.${r}`)])),
    partner: t("console.staff.partner"),
    partnerHint: t("console.staff.partnerHint"),
    noPartner: t("console.stores.noPartner"),
    submit,
    passwordOnce: t("console.staff.passwordOnce"),
    done: t("console.stores.keyDone"),
  };
}
