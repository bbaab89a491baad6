// CSV of a promotion's codes (code, kind, uses, max uses, expiry, member): for marketers and the
// owner only — codes are discounts to whoever holds them. The program comes from the session.
import { NextResponse } from "next/server";
import { writeAudit } from "@/lib/audit/write-audit";
import { can } from "@/lib/auth/permissions";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError, errorBody } from "@/lib/errors";
import { codesCsv } from "@/lib/promotions/codes";
import { PROMOTION_CODE } from "@/lib/promotions/definition";

export const dynamic = "force-dynamic";

function fail(err: AppError) {
  return NextResponse.json(errorBody(err), { status: err.status });
}

export async function GET(_req: Request, { params }: { params: Promise<{ code: string }> }) {
  const staff = await getPrincipal("staff");
  if (!staff || staff.kind !== "staff") return fail(new AppError("unauthorized", "Sign in to the console"));
  if (!can(staff.role, "promotions.edit")) return fail(new AppError("forbidden", "Your role may not download promo codes"));
  const { code } = await params;
  if (!PROMOTION_CODE.test(code)) return fail(new AppError("not_found", "No such promotion"));
  let csv: string;
  try {
    csv = await codesCsv(db(), staff.programId, code);
  } catch (err) {
    if (err instanceof AppError) return fail(err);
    throw err;
  }
  await writeAudit(db(), { programId: staff.programId, actor: { type: "staff", id: staff.id }, action: "promotion.codes.export", entityType: "promotion", entityId: code });
  return new Response("\uFEFF" + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="promo-codes-${code}-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
