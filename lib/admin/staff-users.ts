// Staff accounts (owner only): create with a role (and a partner for partner managers),
// change role, deactivate / reactivate, reset the password. Every change ends the user's
// sessions where it matters and is audited.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/staff-password";
import { STAFF_ROLES } from "@/lib/auth/permissions";

export const staffInput = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  name: z.string().trim().min(1).max(120),
  role: z.enum(STAFF_ROLES),
  partnerId: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((v) => v || null),
});
export type StaffInput = z.infer<typeof staffInput>;

/** A readable temporary password: 4 groups of 4 (≈ 80 bits). */
export function temporaryPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(16);
  let s = "";
  for (let i = 0; i < 16; i++) s += alphabet[bytes[i] % alphabet.length] + (i % 4 === 3 && i < 15 ? "-" : "");
  return s;
}

const view = (u: { email: string; name: string; role: string; partnerId: string | null; active: boolean }) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  partnerId: u.partnerId,
  active: u.active,
});

export async function listStaff(db: Db, programId: string) {
  return db.staffUser.findMany({
    where: { programId },
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, email: true, name: true, role: true, partnerId: true, active: true, lastLoginAt: true, lockedUntil: true, createdAt: true, partner: { select: { name: true } } },
  });
}

async function checkRolePartner(db: Db, programId: string, input: StaffInput) {
  if (input.role === "partner_manager") {
    if (!input.partnerId) throw new AppError("invalid_request", "A partner manager needs a partner", { details: [{ path: "partnerId", message: "partner_required" }] });
    if (!(await db.partner.findFirst({ where: { id: input.partnerId, programId } })))
      throw new AppError("invalid_request", "Unknown partner", { details: [{ path: "partnerId", message: "unknown_partner" }] });
  } else input.partnerId = null;
}

/** Creates the account with a temporary password, returned once to be handed over. */
export async function createStaffUser(db: Db, programId: string, actorId: string, input: StaffInput, password = temporaryPassword()) {
  await checkRolePartner(db, programId, input);
  if (await db.staffUser.findUnique({ where: { email: input.email } }))
    throw new AppError("already_exists", "A staff user with this email exists", { details: [{ path: "email", message: "already_used" }] });
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    const u = await tx.staffUser.create({ data: { id: createId("stf"), programId, email: input.email, name: input.name, role: input.role, partnerId: input.partnerId, passwordHash } });
    await writeAudit(tx, { programId, actor: { type: "staff", id: actorId }, action: "staff.create", entityType: "StaffUser", entityId: u.id, after: view(u) });
    return u;
  });
  return { user, password };
}

async function load(db: Db, programId: string, id: string) {
  const u = await db.staffUser.findFirst({ where: { id, programId } });
  if (!u) throw new AppError("not_found", "No such staff user");
  return u;
}

export async function updateStaffUser(db: Db, programId: string, actorId: string, id: string, input: StaffInput) {
  await checkRolePartner(db, programId, input);
  const before = await load(db, programId, id);
  if (id === actorId && input.role !== before.role) throw new AppError("invalid_request", "You cannot change your own role", { details: [{ path: "role", message: "own_role" }] });
  if (input.email !== before.email && (await db.staffUser.findUnique({ where: { email: input.email } })))
    throw new AppError("already_exists", "A staff user with this email exists", { details: [{ path: "email", message: "already_used" }] });
  return db.$transaction(async (tx) => {
    const after = await tx.staffUser.update({ where: { id }, data: { email: input.email, name: input.name, role: input.role, partnerId: input.partnerId } });
    await writeAudit(tx, { programId, actor: { type: "staff", id: actorId }, action: "staff.update", entityType: "StaffUser", entityId: id, before: view(before), after: view(after) });
    return after;
  });
}

export async function setStaffActive(db: Db, programId: string, actorId: string, id: string, active: boolean) {
  const before = await load(db, programId, id);
  if (id === actorId && !active) throw new AppError("invalid_request", "You cannot deactivate yourself");
  if (before.active === active) return before;
  return db.$transaction(async (tx) => {
    const after = await tx.staffUser.update({ where: { id }, data: { active, ...(active ? {} : { sessionVersion: { increment: 1 } }) } });
    await writeAudit(tx, {
      programId,
      actor: { type: "staff", id: actorId },
      action: active ? "staff.reactivate" : "staff.deactivate",
      entityType: "StaffUser",
      entityId: id,
      before: view(before),
      after: view(after),
    });
    return after;
  });
}

/** Sets a new temporary password (returned once), unlocks the account and ends its sessions. */
export async function resetStaffPassword(db: Db, programId: string, actorId: string, id: string, password = temporaryPassword()) {
  await load(db, programId, id);
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError("invalid_request", "Password too short");
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id }, data: { passwordHash, failedLogins: 0, lockedUntil: null, sessionVersion: { increment: 1 } } });
    await writeAudit(tx, { programId, actor: { type: "staff", id: actorId }, action: "staff.password_reset", entityType: "StaffUser", entityId: id });
  });
  return { password };
}

/** Active console staff (not partner managers), for assignee pickers. */
export async function consoleStaffChoices(db: Db, programId: string) {
  return db.staffUser.findMany({ where: { programId, partnerId: null, active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** One staff user of the program, or null (another program's id is null too). */
export async function findStaffUser(db: Db, programId: string, id: string) {
  return db.staffUser.findFirst({ where: { id, programId } });
}

/** Who is signed in, for the console's and portal's header. */
export async function staffHeader(db: Db, staffId: string) {
  return db.staffUser.findUnique({ where: { id: staffId }, select: { name: true, email: true, role: true } });
}
