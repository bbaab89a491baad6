// Every partner's statement for a month as CSV (?month=YYYY-MM), with the own stores' row and the
// total: the console's settlement page as a file. Owner and analyst (settlement.view).
import { NextResponse } from "next/server";
import { can } from "@/lib/auth/permissions";
import { getPrincipal } from "@/lib/auth/session";
import { analyticsDb } from "@/lib/db/client";
import { AppError, errorBody } from "@/lib/errors";
import { loadSettlement } from "@/lib/settlement/console";
import { csvResponse, programSettlementCsv } from "@/lib/settlement/csv";

export const dynamic = "force-dynamic";

function fail(err: AppError) {
  return NextResponse.json(errorBody(err), { status: err.status });
}

export async function GET(req: Request) {
  const staff = await getPrincipal("staff");
  if (!staff || staff.kind !== "staff") return fail(new AppError("unauthorized", "Sign in to the console"));
  if (!can(staff.role, "settlement.view")) return fail(new AppError("forbidden", "Your role may not read the settlement"));
  const s = await loadSettlement(analyticsDb(), { programId: staff.programId, month: new URL(req.url).searchParams.get("month") });
  return csvResponse(programSettlementCsv({ month: s.month.month, currency: s.program.currency, rows: s.rows, totals: s.totals }), `settlement-${s.month.month}.csv`);
}
