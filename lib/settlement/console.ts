// The console's settlement page and CSV: every partner's statement for a month, the own stores'
// row, their total and the program's ledger total it must equal.
import type { Db } from "@/lib/db/client";
import { recentMonths, statementMonth } from "./month";
import { programLedgerTotals, programSettlement } from "./statement";
import { pointValueNow } from "./terms";

export async function loadSettlement(db: Db, input: { programId: string; month?: unknown; now?: Date }) {
  const program = await db.program.findUniqueOrThrow({ where: { id: input.programId }, select: { name: true, timezone: true, currency: true } });
  const month = statementMonth(input.month, program.timezone, input.now);
  const range = { programId: input.programId, from: month.from, to: month.to };
  const [settlement, ledger, pointValue] = await Promise.all([programSettlement(db, range), programLedgerTotals(db, range), pointValueNow(db, input.programId, input.now)]);
  const t = settlement.totals;
  const matches = t.issued === ledger.issued && t.reclaimed === ledger.reclaimed && t.redeemed === ledger.redeemed && t.refunded === ledger.refunded;
  return { program, month, months: recentMonths(program.timezone, input.now), pointValue, ledger, matches, ...settlement };
}
