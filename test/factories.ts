// Factories for integration tests: each test makes its own program, store and customers.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { createId } from "@/lib/ids";

export function uniq(prefix = "t") {
  return `${prefix}-${randomBytes(5).toString("hex")}`;
}

export async function makeProgram(db: Db, over: { timezone?: string } = {}) {
  return db.program.create({
    data: { id: createId("prg"), code: uniq("prg"), name: "Test program", kind: "retailer", timezone: over.timezone ?? "Europe/Moscow", currency: "RUB" },
  });
}

let phoneSeq = Math.floor(Math.random() * 1e6);

export async function makeCustomer(db: Db, programId: string, over: { firstName?: string; phone?: string } = {}) {
  phoneSeq += 1;
  return db.customer.create({
    data: {
      id: createId("cus"),
      programId,
      phone: over.phone ?? `+7900${String(phoneSeq % 10_000_000).padStart(7, "0")}`,
      firstName: over.firstName ?? "Test",
      registrationChannel: "admin",
    },
  });
}

/** A visit and its key (VisitKey, the once-per-event rule), in one statement as lib/purchases/visits.ts writes them. */
export async function makeVisit(db: Db, v: { programId: string; customerId: string; eventCode?: string; at: Date; periodKey: string; storeId?: string }) {
  const id = createId("vis", v.at.getTime());
  await db.$executeRaw`
    with k as (
      insert into "VisitKey" ("customerId", "eventCode", "programId", "visitId", "visitAt")
      values (${v.customerId}, ${v.eventCode ?? uniq("event")}, ${v.programId}, ${id}, ${v.at}) returning *)
    insert into "Visit" (id, "programId", "customerId", "eventCode", at, "storeId", "periodKey")
    select k."visitId", k."programId", k."customerId", k."eventCode", k."visitAt", ${v.storeId ?? null}, ${v.periodKey} from k`;
  return id;
}
