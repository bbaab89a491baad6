// The program's point value in force now: what the statements' lead and printed page state
// (each receipt itself is valued at its own version's pointValue, lib/settlement/statement.ts).
import type { Db } from "@/lib/db/client";
import { definitionInForce } from "@/lib/program/in-force";

export async function pointValueNow(db: Db, programId: string, now = new Date()): Promise<number> {
  return (await definitionInForce(db, programId, now))?.definition.pointValue ?? 100;
}
