// Download of a report an import run wrote (reconciliation.csv, bad-rows.csv, tiers.csv). Owner only.
import { NextResponse } from "next/server";
import { can } from "@/lib/auth/permissions";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError, errorBody } from "@/lib/errors";
import { importReport } from "@/lib/import/console";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; name: string }> }) {
  const staff = await getPrincipal("staff");
  if (!staff || staff.kind !== "staff") return NextResponse.json(errorBody(new AppError("unauthorized", "Sign in to the console")), { status: 401 });
  if (!can(staff.role, "import.run")) return NextResponse.json(errorBody(new AppError("forbidden", "Only the owner may import")), { status: 403 });
  const { id, name } = await params;
  const bytes = await importReport(db(), staff.programId, id, name);
  if (!bytes) return NextResponse.json(errorBody(new AppError("not_found", "No such report")), { status: 404 });
  return new NextResponse(Buffer.from(bytes), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${id}-${name.replace(/[^a-z.-]/g, "")}"`, "Cache-Control": "no-store" },
  });
}
