// Who may run a server action: one middleware per principal, each reading the session of its
// audience and adding the principal to the action's context. A missing session is `unauthorized`,
// a principal of the wrong kind or role is `forbidden` (lib/actions/localise.ts words both).
import { getPrincipal } from "@/lib/auth/session";
import { assertCan, type Permission, type StaffPrincipal } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/principal";
import { asPartner, type PartnerPrincipal } from "@/lib/partner/session";
import { AppError } from "@/lib/errors";

export type CustomerPrincipal = Principal & { kind: "customer" };

/** A signed-in console user whose role has `permission`: `{ staff }`. */
export function staff(permission: Permission) {
  return async (): Promise<{ staff: StaffPrincipal }> => {
    const principal = await getPrincipal("staff");
    assertCan(principal, permission);
    return { staff: principal };
  };
}

/** The signed-in fan of the cabinet: `{ customer }`. */
export function customer() {
  return async (): Promise<{ customer: CustomerPrincipal }> => {
    const principal = await getPrincipal("cabinet");
    if (!principal || principal.kind !== "customer") throw new AppError("unauthorized", "Sign in to the cabinet");
    return { customer: principal as CustomerPrincipal };
  };
}

/** A signed-in partner manager bound to a partner: `{ partner }` (every query takes partnerId from here). */
export function partner() {
  return async (): Promise<{ partner: PartnerPrincipal }> => {
    const principal = await getPrincipal("staff");
    if (!principal) throw new AppError("unauthorized", "Sign in to the partner portal");
    const manager = asPartner(principal);
    if (!manager) throw new AppError("forbidden", "Only a partner manager may use the partner portal");
    return { partner: manager };
  };
}
