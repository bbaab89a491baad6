// Who may use the partner portal: a signed-in partner manager bound to one partner. Every
// portal query takes the partnerId from here, never from the request.
import { redirect } from "next/navigation";
import { getPrincipal } from "@/lib/auth/session";
import type { Principal } from "@/lib/auth/principal";

export interface PartnerPrincipal {
  id: string;
  programId: string;
  partnerId: string;
  role: "partner_manager";
}

/** The principal as a partner manager, or null (fans, console staff, managers without a partner). */
export function asPartner(p: Principal | null | undefined): PartnerPrincipal | null {
  if (!p || p.kind !== "staff" || p.role !== "partner_manager" || !p.partnerId) return null;
  return { id: p.id, programId: p.programId, partnerId: p.partnerId, role: "partner_manager" };
}

/** The signed-in partner manager, or a redirect to the portal's sign-in page. */
export async function requirePartner(): Promise<PartnerPrincipal> {
  const partner = asPartner(await getPrincipal("staff"));
  if (!partner) redirect("/partner/sign-in");
  return partner;
}
