// The one permission matrix of the staff console: which role may do what. Pages, server actions
// and route handlers ask `requirePermission(...)`; the navigation asks `can(...)`.
import { redirect } from "next/navigation";
import { getPrincipal } from "./session";
import type { Principal } from "./principal";
import { STAFF_ROLES, type StaffRole } from "./roles";
import { AppError } from "@/lib/errors";

export { STAFF_ROLES };

const ALL_CONSOLE = ["owner", "marketer", "support", "analyst"] as const;

/**
 * permission → roles allowed. owner: everything; marketer: program, segments, catalog, customers;
 * gift certificates (batches, block/unblock) are the owner's and the marketer's; support: customers, adjustments, feedback; analyst: read-only everything except staff;
 * partner_manager: nothing here (the partner portal has its own guard).
 */
export const PERMISSIONS = {
  "console.access": ALL_CONSOLE,
  "dashboard.view": ALL_CONSOLE,

  "customers.view": ALL_CONSOLE,
  "customers.edit": ["owner", "marketer", "support"],
  "customers.block": ["owner", "marketer", "support"],
  "customers.issueCard": ["owner", "marketer", "support"],
  "customers.setTier": ["owner", "marketer", "support"],
  "customers.merge": ["owner", "support"],
  "customers.anonymise": ["owner", "support"],
  "points.adjust": ["owner", "support"],

  "segments.view": ["owner", "marketer", "analyst"],
  "segments.edit": ["owner", "marketer"],
  "segments.export": ["owner", "marketer", "analyst"],

  "program.view": ["owner", "marketer", "analyst"],
  "program.edit": ["owner", "marketer"],

  // Promotions: analysts read lists, calendar, statistics and versions; generating and downloading codes is editing.
  "promotions.view": ["owner", "marketer", "analyst"],
  "promotions.edit": ["owner", "marketer"],

  // Campaigns to segments (lib/campaigns): analysts read their statistics.
  "campaigns.view": ["owner", "marketer", "analyst"],
  "campaigns.edit": ["owner", "marketer"],

  // Coalition partners' own campaigns (lib/partner/campaigns): the owner approves them and sets each partner's bounds.
  "partners.campaigns": ["owner"],

  "catalog.view": ["owner", "marketer", "support", "analyst"],
  "catalog.edit": ["owner", "marketer"],
  "redemptions.manage": ["owner", "marketer", "support"],

  "feedback.view": ["owner", "marketer", "support", "analyst"],
  "feedback.manage": ["owner", "support"],
  "feedback.topics": ["owner", "support"],

  "giftcards.manage": ["owner", "marketer"],

  // Messages: everyone in the console reads the log (support answers "did my email arrive?"); marketers switch and word triggers.
  "messages.view": ALL_CONSOLE,
  "messages.edit": ["owner", "marketer"],

  // The NPS survey's scores and reviews (lib/surveys).
  "surveys.view": ["owner", "marketer", "analyst"],

  // Coalition partners: their contacts (kept by the partners) and the range of their own earn rate.
  "partners.view": ["owner"],
  "partners.edit": ["owner"],

  "stores.view": ["owner", "marketer", "analyst"],
  "stores.edit": ["owner"],
  "terminals.manage": ["owner"],

  "sites.manage": ["owner"],

  // Moving in: the legacy import's upload, dry run and import (lib/import).
  "import.run": ["owner"],

  "staff.view": ["owner"],
  "staff.manage": ["owner"],

  "audit.view": ["owner", "analyst"],

  // The partners' monthly settlement statements (lib/settlement), with CSV.
  "settlement.view": ["owner", "analyst"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function can(role: StaffRole | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

export function permissionsOf(role: StaffRole | null | undefined): Permission[] {
  return ALL_PERMISSIONS.filter((p) => can(role, p));
}

export type StaffPrincipal = Principal & { kind: "staff"; role: StaffRole };

/** Throws AppError forbidden unless the staff principal may do this (for domain code and actions). */
export function assertCan(principal: Principal | null | undefined, permission: Permission): asserts principal is StaffPrincipal {
  if (!principal || principal.kind !== "staff" || !principal.role) throw new AppError("unauthorized", "Sign in to the console");
  if (!can(principal.role, permission)) throw new AppError("forbidden", "Your role may not do this");
}

/**
 * For pages: the signed-in staff user allowed to `permission`; not signed in → the sign-in page,
 * signed in without the permission → the "no access" page.
 */
export async function requirePermission(permission: Permission): Promise<StaffPrincipal> {
  const p = await getPrincipal("staff");
  if (!p || p.kind !== "staff" || !p.role) redirect("/admin/sign-in");
  if (!can(p.role, permission)) redirect(`/admin/forbidden?need=${encodeURIComponent(permission)}`);
  return p as StaffPrincipal;
}
