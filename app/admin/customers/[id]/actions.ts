"use server";
// Server actions of the customer page: each checks the role, validates, needs a reason, and
// goes through the domain (which writes the audit entry).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/auth/staff-action";
import { db } from "@/lib/db/client";
import { getT } from "@/lib/i18n/server";
import { adjustPoints } from "@/lib/ledger/adjust";
import { setManualTier } from "@/lib/tiers/progress";
import { issueReplacementCard, setCustomerBlocked } from "@/lib/admin/customer-actions";
import { findMergeCandidate, mergeCustomers } from "@/lib/admin/merge-customers";
import { programInfo } from "@/lib/admin/program-info";
import { dayStart } from "@/lib/time";
import { AppError } from "@/lib/errors";
import { customerInProgram } from "@/lib/admin/customer-360";

const id = z
  .string()
  .trim()
  .regex(/^cus_[0-9a-z]+$/, "unknown customer");
const reason = z.string().trim().min(3, "Say why (at least 3 characters)").max(500);

async function ownCustomer(programId: string, customerId: string) {
  const c = (await customerInProgram(db(), programId, customerId)) ? { id: customerId } : null;
  if (!c) throw new AppError("customer_not_found", "Customer not found");
}

const done = (customerId: string) => revalidatePath(`/admin/customers/${customerId}`);

export const adjustPointsAction = staffAction(
  "points.adjust",
  z.object({
    customerId: id,
    account: z.enum(["main", "promo"]),
    direction: z.enum(["add", "remove"]),
    points: z.coerce.number().int("whole points only").positive("more than zero").max(10_000_000),
    reason,
  }),
  async (input, { staff }) => {
    await ownCustomer(staff.programId, input.customerId);
    const points = input.direction === "add" ? input.points : -input.points;
    const r = await adjustPoints(db(), { customerId: input.customerId, account: input.account, points, reason: input.reason, staffUserId: staff.id });
    done(input.customerId);
    const { t } = await getT();
    return { message: t("console.c360.adjust.done", { points: points > 0 ? `+${points}` : String(points), balance: r.after.available }) };
  },
);

export const setTierAction = staffAction(
  "customers.setTier",
  z.object({ customerId: id, tierCode: z.string().trim().max(40), until: z.string().trim().optional(), reason }),
  async (input, { staff }) => {
    await ownCustomer(staff.programId, input.customerId);
    const program = await programInfo(db(), staff.programId);
    const until = input.until ? dayStart(program.timezone, input.until, 1) : null;
    if (input.until && !until) throw new AppError("invalid_request", "Invalid date", { details: [{ path: "until", message: "invalid date" }] });
    await setManualTier(db(), { customerId: input.customerId, tierCode: input.tierCode || null, until: until ?? null, staffUserId: staff.id, reason: input.reason });
    done(input.customerId);
    const { t } = await getT();
    return { message: input.tierCode ? t("console.c360.tier.done") : t("console.c360.tier.cleared") };
  },
);

export const blockAction = staffAction("customers.block", z.object({ customerId: id, blocked: z.enum(["1", "0"]), reason }), async (input, { staff }) => {
  await setCustomerBlocked(db(), { programId: staff.programId, customerId: input.customerId, staffUserId: staff.id, reason: input.reason, blocked: input.blocked === "1" });
  done(input.customerId);
  const { t } = await getT();
  return { message: input.blocked === "1" ? t("console.c360.block.done") : t("console.c360.unblock.done") };
});

export const newCardAction = staffAction("customers.issueCard", z.object({ customerId: id, reason }), async (input, { staff }) => {
  const r = await issueReplacementCard(db(), { programId: staff.programId, customerId: input.customerId, staffUserId: staff.id, reason: input.reason });
  done(input.customerId);
  const { t } = await getT();
  return { message: t("console.c360.card.done", { number: r.card.number }) };
});

/** Step 1 of a merge: the duplicate named exactly (id, phone or card); answers both customers for the confirmation. */
export const findMergeAction = staffAction(
  "customers.merge",
  z.object({ customerId: id, duplicate: z.string().trim().min(3, "Name the duplicate by its exact id, phone or card number").max(100) }),
  async (input, { staff }) => {
    try {
      return { data: await findMergeCandidate(db(), { programId: staff.programId, keepId: input.customerId, ref: input.duplicate }) };
    } catch (e) {
      const { t } = await getT();
      if (e instanceof AppError && (e.code === "customer_not_found" || e.code === "invalid_request")) {
        const key = e.code === "invalid_request" ? "console.c360.merge.exactOnly" : "console.c360.merge.notFound";
        throw new AppError("invalid_request", t(key), { details: [{ path: "duplicate", message: t(key) }] });
      }
      throw e;
    }
  },
);

/** Step 2: the merge of the customer shown in the confirmation (exact id); the domain checks both again under its locks. */
export const mergeAction = staffAction("customers.merge", z.object({ customerId: id, mergeId: id, reason }), async (input, { staff }) => {
  await mergeCustomers(db(), { programId: staff.programId, keepId: input.customerId, mergeId: input.mergeId, staffUserId: staff.id, reason: input.reason });
  done(input.customerId);
  revalidatePath("/admin/customers");
  const { t } = await getT();
  return { message: t("console.c360.merge.done") };
});
