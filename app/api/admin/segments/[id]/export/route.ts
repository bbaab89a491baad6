// CSV export of a saved segment, streamed: one server-side cursor over the segment's members,
// fetched 2,000 rows at a time and written as they come, so memory stays flat whether the
// segment has ten members or five million.
import { NextResponse } from "next/server";
import { writeAudit } from "@/lib/audit/write-audit";
import { can } from "@/lib/auth/permissions";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError, errorBody } from "@/lib/errors";
import { CSV_HEADER, csvLine, memberCsvLine } from "@/lib/segments/csv";
import { databaseUrl } from "@/lib/db/url";
import { openExport, segmentCursor } from "@/lib/segments/export";
import { segmentContext } from "@/lib/segments/run";
import { getSegment } from "@/lib/segments/segments";

export const dynamic = "force-dynamic";

function fail(err: AppError) {
  return NextResponse.json(errorBody(err), { status: err.status });
}

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const staff = await getPrincipal("staff");
  if (!staff || staff.kind !== "staff") return fail(new AppError("unauthorized", "Sign in to the console"));
  if (!can(staff.role, "segments.export")) return fail(new AppError("forbidden", "Your role may not export segments"));
  const { id } = await params;
  let segment;
  try {
    segment = await getSegment(db(), staff.programId, id);
  } catch (err) {
    if (err instanceof AppError) return fail(err);
    throw err;
  }
  const ctx = await segmentContext(db(), staff.programId);
  let connection;
  try {
    connection = await openExport(databaseUrl());
  } catch (err) {
    if (err instanceof AppError) return NextResponse.json(errorBody(err), { status: err.status, headers: err.retryAfter ? { "Retry-After": String(err.retryAfter) } : {} });
    throw err;
  }
  await writeAudit(db(), { programId: staff.programId, actor: { type: "staff", id: staff.id }, action: "segment.export", entityType: "segment", entityId: segment.id });

  const batches = segmentCursor(connection, ctx, segment.definition, 2_000);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // A BOM so that Excel opens UTF-8 (Cyrillic names) correctly.
      controller.enqueue(encoder.encode("\uFEFF" + csvLine(CSV_HEADER)));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map(memberCsvLine).join("")));
      } catch (err) {
        console.error("segment export failed", err);
        controller.error(err);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const safeName =
    segment.name
      .replace(/[^\p{L}\p{N} _-]+/gu, "")
      .trim()
      .slice(0, 60) || "segment";
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="segment-${segment.id}-${stamp}.csv"; filename*=UTF-8''${encodeURIComponent(`${safeName}-${stamp}.csv`)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
