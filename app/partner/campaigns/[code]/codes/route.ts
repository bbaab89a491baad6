// CSV of one of the partner's campaign codes, for its own partner manager only: another partner's
// or the owner's campaign is a 404 (lib/partner/campaigns scopes the query). The partner comes
// from the session.
import { NextResponse } from "next/server";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError, errorBody } from "@/lib/errors";
import { partnerCodesCsv } from "@/lib/partner/campaigns/campaigns";
import { PROMOTION_CODE } from "@/lib/promotions/definition";
import { asPartner } from "@/lib/partner/session";

export const dynamic = "force-dynamic";

function fail(err: AppError) {
  return NextResponse.json(errorBody(err), { status: err.status });
}

export async function GET(_req: Request, { params }: { params: Promise<{ code: string }> }) {
  const principal = await getPrincipal("staff");
  if (!principal) return fail(new AppError("unauthorized", "Sign in to the partner portal"));
  const me = asPartner(principal);
  if (!me) return fail(new AppError("forbidden", "Only a partner manager may download the partner's codes"));
  const { code } = await params;
  if (!PROMOTION_CODE.test(code)) return fail(new AppError("not_found", "Campaign not found"));
  let csv: string;
  try {
    csv = await partnerCodesCsv(db(), { programId: me.programId, partnerId: me.partnerId, staffUserId: me.id }, code);
  } catch (err) {
    if (err instanceof AppError) return fail(err);
    throw err;
  }
  return new Response("\uFEFF" + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="codes-${code}-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
