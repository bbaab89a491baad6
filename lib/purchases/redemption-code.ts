// The one-time code that authorizes spending points on a receipt (redemption.requiresCode).
// Every try claims an attempt before comparing, on the pool outside the transaction (it counts
// even though the purchase fails, and parallel guesses cannot share one count: 5 tries in all);
// a right code is consumed inside the purchase transaction, so it stays usable if the purchase
// fails for another reason.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Sql } from "@/lib/db/sql";
import { claimAttempt, codeMatches } from "@/lib/messaging/one-time-codes";

type Row = { id: string; codeHash: string; attempts: number; maxAttempts: number; expiresAt: Date; data: { points?: number } | null };

export async function consumeRedemptionCode(db: Db, tx: Sql, input: { customerId: string; code: string | undefined; points: number; now: Date }) {
  if (!input.code) throw new AppError("redemption_code_required", "Spending points needs the code the customer received by SMS (POST /redemptions/authorize)");
  const [row] = await tx.$queryRaw<Row[]>`
    select id, "codeHash", attempts, "maxAttempts", "expiresAt", data from "OneTimeCode"
    where "customerId" = ${input.customerId} and purpose = 'redemption' and "consumedAt" is null
    order by "createdAt" desc limit 1`;
  const invalid = (message: string) => new AppError("invalid_redemption_code", message, { details: [{ path: "redemptionCode", message }] });
  if (!row) throw invalid("No code was sent for this customer, or it was already used");
  if (row.expiresAt <= input.now) throw invalid("The code has expired: send a new one");
  const left = await claimAttempt(db, row.id);
  if (left === null) throw invalid("Too many wrong codes: send a new one");
  if (!codeMatches(row, input.code)) throw invalid(left > 0 ? `Wrong code; ${left} attempt(s) left` : "Too many wrong codes: send a new one");
  const authorized = Number(row.data?.points ?? 0);
  if (input.points > authorized) throw invalid(`The code authorizes at most ${authorized} points, ${input.points} requested`);
  const consumed = await tx.$executeRaw`update "OneTimeCode" set "consumedAt" = ${input.now} where id = ${row.id} and "consumedAt" is null`;
  if (consumed !== 1) throw invalid("This code was already used");
}
