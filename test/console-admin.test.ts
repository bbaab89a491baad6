// Terminals (POS keys), stores and staff users managed from the console: keys shown once and
// stored hashed, revoked keys refused, every change audited, scoped to the program.
import { describe, expect, it } from "vitest";
import { testDb } from "./db";
import { makeProgram } from "./factories";
import { makeStaff, makeStore } from "./console-factories";
import { generateTerminalKey, hashTerminalKey, issueTerminalKey, KEY_PATTERN, revokeTerminal } from "@/lib/admin/terminals";
import { authenticateTerminal } from "@/lib/pos/terminal-auth";
import { createStore, storeInput, updateStore } from "@/lib/admin/stores";
import { createStaffUser, resetStaffPassword, setStaffActive, staffInput, updateStaffUser } from "@/lib/admin/staff-users";
import { checkStaffPassword } from "@/lib/auth/staff-password";

const db = testDb();

describe("terminal keys", () => {
  it("look like trm_live_ + 32 base62 and never repeat", () => {
    const keys = new Set(Array.from({ length: 200 }, generateTerminalKey));
    expect(keys.size).toBe(200);
    for (const k of keys) expect(k).toMatch(KEY_PATTERN);
  });

  it("are stored as a hash, work until revoked, and are audited", async () => {
    const program = await makeProgram(db);
    const store = await makeStore(db, program.id);
    const staff = await makeStaff(db, program.id, "owner");
    const { terminal, key } = await issueTerminalKey(db, { storeId: store.id, name: "Till 1", staffUserId: staff.id, programId: program.id });
    expect(terminal.keyHash).toBe(hashTerminalKey(key));
    expect(terminal.keyPrefix).toBe(key.slice(0, 13));
    expect(JSON.stringify(terminal)).not.toContain(key);
    expect((await authenticateTerminal(db, `Bearer ${key}`)).store.id).toBe(store.id);
    await revokeTerminal(db, { terminalId: terminal.id, staffUserId: staff.id, programId: program.id });
    await expect(authenticateTerminal(db, `Bearer ${key}`)).rejects.toMatchObject({ code: "unauthorized" });
    await revokeTerminal(db, { terminalId: terminal.id, staffUserId: staff.id }); // twice: no-op
    const audit = await db.auditLog.findMany({ where: { entityId: terminal.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["terminal.issue", "terminal.revoke"]);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain(key);
  });

  it("another program's store or terminal is not found", async () => {
    const mine = await makeProgram(db);
    const theirs = await makeProgram(db);
    const store = await makeStore(db, theirs.id);
    await expect(issueTerminalKey(db, { storeId: store.id, name: "x", programId: mine.id })).rejects.toMatchObject({ code: "not_found" });
    const { terminal } = await issueTerminalKey(db, { storeId: store.id, name: "x" });
    await expect(revokeTerminal(db, { terminalId: terminal.id, programId: mine.id })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("stores", () => {
  it("validates time zone, code and tags; audits create and update", async () => {
    const program = await makeProgram(db);
    const staff = await makeStaff(db, program.id, "owner");
    expect(storeInput.safeParse({ code: "msk-01", name: "Moscow", timezone: "Mars/Olympus" }).success).toBe(false);
    expect(storeInput.safeParse({ code: "bad code", name: "x", timezone: "UTC" }).success).toBe(false);
    const input = storeInput.parse({ code: "msk-01", name: "Moscow", timezone: "Europe/Moscow", tags: "Outlet, stadium, outlet" });
    expect(input.tags).toEqual(["outlet", "stadium"]);
    const store = await createStore(db, program.id, staff.id, input);
    await expect(createStore(db, program.id, staff.id, input)).rejects.toMatchObject({ code: "already_exists" });
    await updateStore(db, program.id, staff.id, store.id, { ...input, name: "Moscow centre", tags: [] });
    const audit = await db.auditLog.findMany({ where: { entityId: store.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["store.create", "store.update"]);
    expect(audit[1].before).toMatchObject({ name: "Moscow", tags: ["outlet", "stadium"] });
    expect(audit[1].after).toMatchObject({ name: "Moscow centre", tags: [] });
  });
});

describe("staff users", () => {
  it("create with a temporary password, change role, deactivate, reset password — all audited", async () => {
    const program = await makeProgram(db);
    const owner = await makeStaff(db, program.id, "owner");
    const email = `new.${Date.now()}@example.test`;
    const { user, password } = await createStaffUser(db, program.id, owner.id, staffInput.parse({ email, name: "Nina", role: "support" }));
    expect((await checkStaffPassword(db, email, password)).ok).toBe(true);
    await expect(createStaffUser(db, program.id, owner.id, staffInput.parse({ email, name: "Again", role: "support" }))).rejects.toMatchObject({ code: "already_exists" });
    await expect(createStaffUser(db, program.id, owner.id, staffInput.parse({ email: `pm.${email}`, name: "PM", role: "partner_manager" }))).rejects.toMatchObject({ code: "invalid_request" });
    await updateStaffUser(db, program.id, owner.id, user.id, staffInput.parse({ email, name: "Nina", role: "analyst" }));
    await expect(updateStaffUser(db, program.id, owner.id, owner.id, staffInput.parse({ email: owner.email, name: "me", role: "support" }))).rejects.toMatchObject({ code: "invalid_request" });
    await setStaffActive(db, program.id, owner.id, user.id, false);
    const off = await db.staffUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(off).toMatchObject({ active: false, role: "analyst", sessionVersion: 1 });
    expect((await checkStaffPassword(db, email, password)).ok).toBe(false);
    await setStaffActive(db, program.id, owner.id, user.id, true);
    const { password: second } = await resetStaffPassword(db, program.id, owner.id, user.id);
    expect((await checkStaffPassword(db, email, password)).ok).toBe(false);
    expect((await checkStaffPassword(db, email, second)).ok).toBe(true);
    const actions = (await db.auditLog.findMany({ where: { entityId: user.id, actorId: owner.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["staff.create", "staff.update", "staff.deactivate", "staff.reactivate", "staff.password_reset"]);
  });

  it("locks after five wrong passwords and says so", async () => {
    const program = await makeProgram(db);
    const owner = await makeStaff(db, program.id, "owner");
    const email = `lock.${Date.now()}@example.test`;
    const { password } = await createStaffUser(db, program.id, owner.id, staffInput.parse({ email, name: "L", role: "support" }));
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await checkStaffPassword(db, email, `wrong-${i}`));
    expect(outcomes.map((o) => (o.ok ? "ok" : o.reason))).toEqual(["invalid", "invalid", "invalid", "invalid", "locked"]);
    expect(await checkStaffPassword(db, email, password)).toEqual({ ok: false, reason: "locked" });
  });
});
