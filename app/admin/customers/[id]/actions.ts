"use server";
// Server actions of the customer page: each checks the role, validates, needs a reason, and
// goes through the domain (which writes the audit entry).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { adjustPoints } from "@/lib/ledger/adjust";
import { setManualTier } from "@/lib/tiers/progress";
import { issueReplacementCard, setCustomerBlocked } from "@/lib/admin/customer-actions";
import { findMergeCandidate, mergeCustomers } from "@/lib/admin/merge-customers";
import { programInfo } from "@/lib/admin/program-info";
import { dayStart } from "@/lib/time";
import { AppError } from "@/lib/errors";
import { customerInProgram } from "@/lib/admin/customer-360";

const merger = actionClient.use(staff("customers.merge"));

const id = z
  .string()
  .trim()
  .regex(/^cus_[0-9a-z]+$/, "customer_not_found");
const reason = z.string().trim().min(3).max(500);

async function ownCustomer(programId: string, customerId: string) {
  const c = (await customerInProgram(db(), programId, customerId)) ? { id: customerId } : null;
  if (!c) throw new AppError("customer_not_found", "Customer not found");
}

const done = (customerId: string) => revalidatePath(`/admin/customers/${customerId}`);

export const adjustPointsAction = actionClient
  .use(staff("points.adjust"))
  .schema(
    z.object({
      customerId: id,
      account: z.enum(["main", "promo"]),
      direction: z.enum(["add", "remove"]),
      points: z.coerce.number().int().positive().max(10_000_000),
      reason,
    }),
  )
  .action(async ({ input, ctx: { staff, t } }) => {
    await ownCustomer(staff.programId, input.customerId);
    const points = input.direction === "add" ? input.points : -input.points;
    const r = await adjustPoints(db(), { customerId: input.customerId, account: input.account, points, reason: input.reason, staffUserId: staff.id });
    done(input.customerId);
    return { message: t("console.c360.adjust.done", { points: points > 0 ? `+${points}` : String(points), balance: r.after.available }) };
  });

export const setTierAction = actionClient
  .use(staff("customers.setTier"))
  .schema(z.object({ customerId: id, tierCode: z.string().trim().max(40), until: z.string().trim().optional(), reason }))
  .action(async ({ input, ctx: { staff, t } }) => {
    await ownCustomer(staff.programId, input.customerId);
    const program = await programInfo(db(), staff.programId);
    const until = input.until ? dayStart(program.timezone, input.until, 1) : null;
    if (input.until && !until) throw new AppError("invalid_request", "Invalid date", { details: [{ path: "until", message: "invalid_date" }] });
    await setManualTier(db(), { customerId: input.customerId, tierCode: input.tierCode || null, until: until ?? null, staffUserId: staff.id, reason: input.reason });
    done(input.customerId);
    return { message: input.tierCode ? t("console.c360.tier.done") : t("console.c360.tier.cleared") };
  });

export const blockAction = actionClient
  .use(staff("customers.block"))
  .schema(z.object({ customerId: id, blocked: z.enum(["1", "0"]), reason }))
  .action(async ({ input, ctx: { staff, t } }) => {
    await setCustomerBlocked(db(), { programId: staff.programId, customerId: input.customerId, staffUserId: staff.id, reason: input.reason, blocked: input.blocked === "1" });
    done(input.customerId);
    return { message: input.blocked === "1" ? t("console.c360.block.done") : t("console.c360.unblock.done") };
  });

export const newCardAction = actionClient
  .use(staff("customers.issueCard"))
  .schema(z.object({ customerId: id, reason }))
  .action(async ({ input, ctx: { staff, t } }) => {
    const r = await issueReplacementCard(db(), { programId: staff.programId, customerId: input.customerId, staffUserId: staff.id, reason: input.reason });
    done(input.customerId);
    return { message: t("console.c360.card.done", { number: r.card.number }) };
  });

/** Step 1 of a merge: the duplicate named exactly (id, phone or card); answers both customers for the confirmation. */
export const findMergeAction = merger.schema(z.object({ customerId: id, duplicate: z.string().trim().min(3, "exact_ref").max(100) })).action(async ({ input, ctx: { staff, t } }) => {
  try {
    return { data: await findMergeCandidate(db(), { programId: staff.programId, keepId: input.customerId, ref: input.duplicate }) };
  } catch (e) {
    if (e instanceof AppError && (e.code === "customer_not_found" || e.code === "invalid_request")) {
      const key = e.code === "invalid_request" ? "console.c360.merge.exactOnly" : "console.c360.merge.notFound";
      throw new AppError("invalid_request", t(key), { details: [{ path: "duplicate", message: t(key) }] });
    }
    throw e;
  }
});

/** Step 2: the merge of the customer shown in the confirmation (exact id); the domain checks both again under its locks. */
export const mergeAction = merger.schema(z.object({ customerId: id, mergeId: id, reason })).action(async ({ input, ctx: { staff, t } }) => {
  await mergeCustomers(db(), { programId: staff.programId, keepId: input.customerId, mergeId: input.mergeId, staffUserId: staff.id, reason: input.reason });
  done(input.customerId);
  revalidatePath("/admin/customers");
  return { message: t("console.c360.merge.done") };
});
