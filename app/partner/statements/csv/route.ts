// The partner's statement for a month as CSV (?month=YYYY-MM). Only a signed-in partner manager,
// and only its own partner's statement: the partner comes from the session.
import { NextResponse } from "next/server";
import { getPrincipal } from "@/lib/auth/session";
import { analyticsDb } from "@/lib/db/client";
import { AppError, errorBody } from "@/lib/errors";
import { loadPartnerStatement } from "@/lib/partner/statement";
import { asPartner } from "@/lib/partner/session";
import { csvResponse, partnerStatementCsv } from "@/lib/settlement/csv";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const me = asPartner(await getPrincipal("staff"));
  if (!me) {
    const err = new AppError("unauthorized", "Sign in to the partner portal");
    return NextResponse.json(errorBody(err), { status: err.status });
  }
  const s = await loadPartnerStatement(analyticsDb(), { partnerId: me.partnerId, month: new URL(req.url).searchParams.get("month") });
  if (!s) {
    const err = new AppError("not_found", "No such partner");
    return NextResponse.json(errorBody(err), { status: err.status });
  }
  const body = partnerStatementCsv({ month: s.month.month, currency: s.info.program.currency, lines: s.lines, totals: s.totals });
  return csvResponse(body, `statement-${s.info.code}-${s.month.month}.csv`);
}
