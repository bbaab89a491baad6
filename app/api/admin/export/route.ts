// Download of the whole program as the legacy import's four CSV files in a zip (owner only):
// no customer of Tribune is locked in. The files are written to a scratch folder by
// lib/import/export.ts and zipped.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { zipSync } from "fflate";
import { NextResponse } from "next/server";
import { writeAudit } from "@/lib/audit/write-audit";
import { can } from "@/lib/auth/permissions";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/url";
import { AppError, errorBody } from "@/lib/errors";
import { exportProgram } from "@/lib/import/export";

export const dynamic = "force-dynamic";

export async function GET() {
  const staff = await getPrincipal("staff");
  if (!staff || staff.kind !== "staff") return NextResponse.json(errorBody(new AppError("unauthorized", "Sign in to the console")), { status: 401 });
  if (!can(staff.role, "import.run")) return NextResponse.json(errorBody(new AppError("forbidden", "Only the owner may export the program")), { status: 403 });
  const dir = mkdtempSync(path.join(os.tmpdir(), "tribune-export-"));
  try {
    const counts = await exportProgram(databaseUrl(), staff.programId, dir);
    const zip = zipSync(Object.fromEntries(Object.keys(counts).map((f) => [f, new Uint8Array(readFileSync(path.join(dir, f)))])));
    await writeAudit(db(), { actor: { type: "staff", id: staff.id }, programId: staff.programId, action: "program.export", entityType: "Program", entityId: staff.programId, after: counts });
    return new NextResponse(Buffer.from(zip), {
      headers: { "Content-Type": "application/zip", "Content-Disposition": `attachment; filename="tribune-export-${new Date().toISOString().slice(0, 10)}.zip"`, "Cache-Control": "no-store" },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
