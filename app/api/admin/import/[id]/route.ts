// A legacy import run as the console's page polls it: status, phase, progress, summary. Owner only.
import { NextResponse } from "next/server";
import { can } from "@/lib/auth/permissions";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError, errorBody } from "@/lib/errors";
import { importRun } from "@/lib/import/console";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const staff = await getPrincipal("staff");
  if (!staff || staff.kind !== "staff") return NextResponse.json(errorBody(new AppError("unauthorized", "Sign in to the console")), { status: 401 });
  if (!can(staff.role, "import.run")) return NextResponse.json(errorBody(new AppError("forbidden", "Only the owner may import")), { status: 403 });
  const run = await importRun(db(), staff.programId, (await params).id);
  if (!run) return NextResponse.json(errorBody(new AppError("not_found", "No such import run")), { status: 404 });
  return NextResponse.json(run, { headers: { "Cache-Control": "no-store" } });
}
