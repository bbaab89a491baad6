// A program simulation as the console's page polls it: status, progress, result. Staff who may read the program.
import { NextResponse } from "next/server";
import { can } from "@/lib/auth/permissions";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError, errorBody } from "@/lib/errors";
import { simulationView } from "@/lib/simulation/store";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const staff = await getPrincipal("staff");
  if (!staff || staff.kind !== "staff") return NextResponse.json(errorBody(new AppError("unauthorized", "Sign in to the console")), { status: 401 });
  if (!can(staff.role, "program.view")) return NextResponse.json(errorBody(new AppError("forbidden", "You may not read the program")), { status: 403 });
  const run = await simulationView(db(), staff.programId, (await params).id);
  if (!run) return NextResponse.json(errorBody(new AppError("not_found", "No such simulation")), { status: 404 });
  return NextResponse.json(run, { headers: { "Cache-Control": "no-store" } });
}
