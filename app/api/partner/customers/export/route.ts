// CSV of the partner's customers (all, or one of its groups, with the list's search): what the
// list shows, phones masked, members by the partner's own reference. The partner comes from the
// session; another partner's group id is a 404. Holds one of the export slots (lib/segments/export.ts)
// while it streams, keyset batches of 2,000 on that connection.
import { NextResponse } from "next/server";
import { writeAudit } from "@/lib/audit/write-audit";
import { getPrincipal } from "@/lib/auth/session";
import { requestLocale } from "@/lib/i18n/server";
import { db } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/url";
import { AppError, errorBody } from "@/lib/errors";
import { CUSTOMER_CSV_HEADER, customerCsvValues, partnerCustomerBatches } from "@/lib/partner/customers";
import { getPartnerGroup, partnerSegmentContext } from "@/lib/partner/segments";
import { asPartner } from "@/lib/partner/session";
import { csvLine } from "@/lib/segments/csv";
import { openExport } from "@/lib/segments/export";

export const dynamic = "force-dynamic";

function fail(err: AppError) {
  return NextResponse.json(errorBody(err), { status: err.status, headers: err.retryAfter ? { "Retry-After": String(err.retryAfter) } : {} });
}

export async function GET(req: Request) {
  const principal = await getPrincipal("staff");
  if (!principal) return fail(new AppError("unauthorized", "Sign in to the partner portal"));
  const me = asPartner(principal);
  if (!me) return fail(new AppError("forbidden", "Only a partner manager may export the partner's customers"));
  const url = new URL(req.url);
  const groupId = url.searchParams.get("group");
  const q = url.searchParams.get("q")?.slice(0, 64) || null;
  let group = null;
  let connection;
  const ctx = await partnerSegmentContext(db(), me);
  try {
    if (groupId) group = await getPartnerGroup(db(), me.partnerId, groupId.slice(0, 64), await requestLocale());
    connection = await openExport(databaseUrl());
  } catch (err) {
    if (err instanceof AppError) return fail(err);
    throw err;
  }
  await writeAudit(db(), {
    programId: me.programId,
    actor: { type: "staff", id: me.id },
    action: "partner.customers.export",
    entityType: group ? "partner_segment" : "partner",
    entityId: group?.id ?? me.partnerId,
    after: { q },
  });
  const client = connection;
  const batches = partnerCustomerBatches((sql, params) => client.query(sql, params).then((r) => r.rows), { partnerId: me.partnerId, ctx, definition: group?.definition, q });
  const encoder = new TextEncoder();
  const close = () => client.end().catch(() => {});
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // A BOM so that Excel opens UTF-8 (Cyrillic names) correctly.
      controller.enqueue(encoder.encode("\uFEFF" + csvLine(CUSTOMER_CSV_HEADER)));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          await close();
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map((r) => csvLine(customerCsvValues(r))).join("")));
      } catch (err) {
        console.error("partner customers export failed", err);
        await close();
        controller.error(err);
      }
    },
    async cancel() {
      await batches.return(undefined);
      await close();
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  const name =
    (group?.name ?? "customers")
      .replace(/[^\p{L}\p{N} _-]+/gu, "")
      .trim()
      .slice(0, 60) || "customers";
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="customers-${stamp}.csv"; filename*=UTF-8''${encodeURIComponent(`${name}-${stamp}.csv`)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
