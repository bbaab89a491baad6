import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS, PERMISSIONS, STAFF_ROLES, assertCan, can, permissionsOf, type Permission } from "./permissions";
import type { StaffRole } from "./principal";

// The expected matrix written out in full, role by role: a change to PERMISSIONS must change this too.
const EXPECTED: Record<StaffRole, Permission[]> = {
  owner: [...ALL_PERMISSIONS],
  marketer: [
    "console.access",
    "dashboard.view",
    "customers.view",
    "customers.edit",
    "customers.block",
    "customers.issueCard",
    "customers.setTier",
    "segments.view",
    "segments.edit",
    "segments.export",
    "program.view",
    "program.edit",
    "promotions.view",
    "promotions.edit",
    "campaigns.view",
    "campaigns.edit",
    "catalog.view",
    "catalog.edit",
    "redemptions.manage",
    "feedback.view",
    "giftcards.manage",
    "messages.view",
    "messages.edit",
    "surveys.view",
    "stores.view",
  ],
  support: [
    "console.access",
    "dashboard.view",
    "customers.view",
    "customers.edit",
    "customers.block",
    "customers.issueCard",
    "customers.setTier",
    "customers.merge",
    "customers.anonymise",
    "points.adjust",
    "catalog.view",
    "redemptions.manage",
    "feedback.view",
    "feedback.manage",
    "feedback.topics",
    "messages.view",
  ],
  analyst: [
    "console.access",
    "dashboard.view",
    "customers.view",
    "segments.view",
    "segments.export",
    "program.view",
    "promotions.view",
    "campaigns.view",
    "catalog.view",
    "feedback.view",
    "messages.view",
    "surveys.view",
    "stores.view",
    "audit.view",
    "settlement.view",
  ],
  partner_manager: [],
};

const READ_ONLY = (p: Permission) => p.endsWith(".view") || p === "console.access" || p === "segments.export";

describe("permission matrix", () => {
  it.each(STAFF_ROLES.flatMap((r) => ALL_PERMISSIONS.map((p) => [r, p] as const)))("%s × %s", (role, permission) => {
    expect(can(role, permission)).toBe(EXPECTED[role].includes(permission));
  });

  it("owner may do everything", () => {
    expect(permissionsOf("owner")).toEqual(ALL_PERMISSIONS);
  });

  it("analyst is read-only and never sees staff", () => {
    for (const p of permissionsOf("analyst")) expect(READ_ONLY(p)).toBe(true);
    expect(can("analyst", "staff.view")).toBe(false);
  });

  it("only the owner manages staff, stores and keys", () => {
    for (const p of ["staff.view", "staff.manage", "stores.edit", "terminals.manage"] as const) {
      expect(STAFF_ROLES.filter((r) => can(r, p))).toEqual(["owner"]);
    }
  });

  it("partner managers cannot use the console at all", () => {
    expect(permissionsOf("partner_manager")).toEqual([]);
  });

  it("no role, no permission", () => {
    for (const p of ALL_PERMISSIONS) {
      expect(can(null, p)).toBe(false);
      expect(can(undefined, p)).toBe(false);
    }
  });

  it("every permission lists only known roles", () => {
    for (const roles of Object.values(PERMISSIONS)) for (const r of roles) expect(STAFF_ROLES).toContain(r);
  });

  it("assertCan refuses customers, anonymous and roles without the permission", () => {
    expect(() => assertCan(null, "customers.view")).toThrow(expect.objectContaining({ code: "unauthorized" }));
    expect(() => assertCan({ kind: "customer", id: "cus_1", programId: "p" }, "customers.view")).toThrow(expect.objectContaining({ code: "unauthorized" }));
    expect(() => assertCan({ kind: "staff", id: "stf_1", programId: "p", role: "analyst" }, "points.adjust")).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(() => assertCan({ kind: "staff", id: "stf_1", programId: "p", role: "support" }, "points.adjust")).not.toThrow();
  });
});
