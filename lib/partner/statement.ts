// A partner's monthly settlement statement as the portal shows it (page, printable page, CSV):
// the partner comes from the session, the month from the request ("YYYY-MM"; default the last
// finished month). Another partner's figures are unreachable: the ledger query filters by this partner.
import type { Db } from "@/lib/db/client";
import { recentMonths, statementMonth } from "@/lib/settlement/month";
import { partnerStatement } from "@/lib/settlement/statement";
import { pointValueNow } from "@/lib/settlement/terms";
import { partnerInfo } from "./partner-info";

export async function loadPartnerStatement(db: Db, input: { partnerId: string; month?: unknown; now?: Date }) {
  const info = await partnerInfo(db, input.partnerId);
  if (!info) return null;
  const tz = info.program.timezone;
  const month = statementMonth(input.month, tz, input.now);
  const [statement, pointValue] = await Promise.all([
    partnerStatement(db, { programId: info.program.id, partnerId: info.id, from: month.from, to: month.to }),
    pointValueNow(db, info.program.id, input.now),
  ]);
  return { info, month, months: recentMonths(tz, input.now), pointValue, ...statement };
}

export type LoadedStatement = NonNullable<Awaited<ReturnType<typeof loadPartnerStatement>>>;
