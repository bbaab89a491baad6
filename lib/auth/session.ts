// Server-side access to the signed-in principal for pages, server actions and route handlers.
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import type { Principal, StaffRole } from "./principal";

export async function getPrincipal(): Promise<Principal | null> {
  const session = (await getServerSession(authOptions)) as { principal?: Principal | null } | null;
  return session?.principal ?? null;
}

/** The signed-in fan, or a redirect to the cabinet's sign-in page. */
export async function requireCustomer(): Promise<Principal & { kind: "customer" }> {
  const p = await getPrincipal();
  if (!p || p.kind !== "customer") redirect("/cabinet/sign-in");
  return p as Principal & { kind: "customer" };
}

/** The signed-in staff user, or a redirect to the console's sign-in page. */
export async function requireStaff(): Promise<Principal & { kind: "staff"; role: StaffRole }> {
  const p = await getPrincipal();
  if (!p || p.kind !== "staff" || !p.role) redirect("/admin/sign-in");
  return p as Principal & { kind: "staff"; role: StaffRole };
}
