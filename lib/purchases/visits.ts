// Attendance and ticket validation (POST /visits): counts toward the `visits` metric once per
// event and customer; with purchaseId + lineNo it also activates that ticket line's pending
// points (a returned ticket's lot is voided, so nothing is released for it).
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { activateLot } from "@/lib/ledger";
import { definitionAt } from "@/lib/program/in-force";
import { recordActivity } from "@/lib/tiers/activity";
import { periodAt } from "@/lib/time";
import type { PosContext } from "./context";
import { currentTierCode, lockCustomerAccounts, readBalances, resolveCustomer, type CustomerRef } from "./customer";
import type { CustomerState } from "./outcome";
import { receiptTime } from "./receipt-time";
import { receiptMonth } from "./stored-receipt";

export interface VisitInput {
  customer: CustomerRef;
  eventCode: string;
  at?: string;
  purchaseId?: string;
  lineNo?: number;
}

export interface VisitOutcome {
  visitId: string;
  /** False when this customer's visit to this event was already counted. */
  counted: boolean;
  /** Pending ticket points this validation made available. */
  activatedPoints: number;
  customer: CustomerState;
}

export async function recordVisit(ctx: PosContext, body: VisitInput): Promise<VisitOutcome> {
  const { sql: tx, till: terminal, now, db } = ctx;
  const at = receiptTime(body.at, now, "at");
  const { definition } = await definitionAt(db, terminal.programId, at);
  // Follows a merge that committed while the visit waited for the lock.
  const { customer, accounts } = await lockCustomerAccounts(tx, terminal.programId, await resolveCustomer(tx, terminal.programId, body.customer));

  // The ticket line first: a wrong purchase or line must fail before anything is written.
  let lot: { id: string; remaining: number; purchaseId: string | null; activatedAt: Date | null; voidedAt: Date | null } | undefined;
  let purchaseAt: Date | undefined;
  if (body.purchaseId && body.lineNo) {
    // The receipt's month from its key, as a value: the receipt and its line by primary key, one
    // partition each (a month joined from the key would lock every month's partition).
    const month = await receiptMonth(tx, body.purchaseId);
    const [line] = month
      ? await tx.$queryRaw<{ lineNo: number; customerId: string | null; status: string; at: Date }[]>`
      select l."lineNo", p."customerId", p.status::text as status, p.at
      from "Purchase" p
      join "PurchaseLine" l on l."purchaseId" = p.id and l."purchaseAt" = ${month}
      where p.id = ${body.purchaseId} and p.at = ${month} and p."programId" = ${terminal.programId} and l."lineNo" = ${body.lineNo}`
      : [];
    purchaseAt = line?.at;
    if (!line || line.customerId !== customer.id) throw new AppError("purchase_not_found", "This customer has no such receipt line");
    if (line.status !== "committed") throw new AppError("invalid_state", `The receipt is ${line.status}; only a committed receipt's tickets can be validated`);
    [lot] = await tx.$queryRaw<NonNullable<typeof lot>[]>`
      select id, remaining, "purchaseId", "activatedAt", "voidedAt" from "Lot"
      where "accountId" = ${accounts.main.id} and "purchaseId" = ${body.purchaseId} and "purchaseLineNo" = ${body.lineNo} and activation = 'validation'
      for update`;
  }

  const periodKey = periodAt(definition.qualification.period, definition.timezone, at).key;
  // The key first, the visit from the key it returns, in one statement: the key's primary key is the
  // once-per-event rule ("Visit" is partitioned by month and cannot hold it), and a visit is never
  // written without its key.
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    with k as (
      insert into "VisitKey" ("customerId", "eventCode", "programId", "visitId", "visitAt")
      values (${customer.id}, ${body.eventCode}, ${terminal.programId}, ${createId("vis", at.getTime())}, ${at})
      on conflict ("customerId", "eventCode") do nothing
      returning *)
    insert into "Visit" (id, "programId", "customerId", "eventCode", at, "storeId", "purchaseId", "purchaseLineNo", "periodKey", "createdAt")
    select k."visitId", k."programId", k."customerId", k."eventCode", k."visitAt", ${terminal.store.id}, ${body.purchaseId ?? null}, ${body.lineNo ?? null}, ${periodKey}, ${now}
    from k
    returning id`;
  const counted = inserted.length === 1;
  let tier = await currentTierCode(tx, terminal.programId, customer.id, definition, at);
  if (counted) tier = (await recordActivity(tx, { programId: terminal.programId, customerId: customer.id, definition, at, visits: 1 })).tierCode;

  let activatedPoints = 0;
  if (lot && !lot.activatedAt && !lot.voidedAt) {
    activatedPoints = lot.remaining;
    await activateLot(tx, accounts.main, lot, now, "ticket-validation");
    await tx.$executeRaw`update "PurchaseLine" set "activatedAt" = ${now} where "purchaseId" = ${body.purchaseId!} and "purchaseAt" = ${purchaseAt!} and "lineNo" = ${body.lineNo!}`;
  }
  const balances = await readBalances(tx, customer.id);
  const [visit] = counted ? inserted : await tx.$queryRaw<{ id: string }[]>`select "visitId" as id from "VisitKey" where "customerId" = ${customer.id} and "eventCode" = ${body.eventCode}`;
  return {
    visitId: visit.id,
    counted,
    activatedPoints,
    customer: { id: customer.id, tier, balances: { main: balances.main, promo: balances.promo } },
  };
}
