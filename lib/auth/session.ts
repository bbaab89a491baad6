// Server-side access to the signed-in principal for pages, server actions and route handlers.
// Each audience reads its own session cookie (lib/auth/options.ts): the cabinet's fan, or the
// console's and partner portal's staff user.
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptionsFor, type Audience } from "./options";
import type { Principal, StaffRole } from "./principal";

export async function getPrincipal(audience: Audience): Promise<Principal | null> {
  const session = (await getServerSession(authOptionsFor(audience))) as { principal?: Principal | null } | null;
  const p = session?.principal ?? null;
  // A token of the other audience never counts here.
  if (!p || p.kind !== (audience === "cabinet" ? "customer" : "staff")) return null;
  return p;
}

/** The signed-in fan, or a redirect to the cabinet's sign-in page. */
export async function requireCustomer(): Promise<Principal & { kind: "customer" }> {
  const p = await getPrincipal("cabinet");
  if (!p || p.kind !== "customer") redirect("/cabinet/sign-in");
  return p as Principal & { kind: "customer" };
}

/** The signed-in staff user, or a redirect to the console's sign-in page. */
export async function requireStaff(): Promise<Principal & { kind: "staff"; role: StaffRole }> {
  const p = await getPrincipal("staff");
  if (!p || p.kind !== "staff" || !p.role) redirect("/admin/sign-in");
  return p as Principal & { kind: "staff"; role: StaffRole };
}
