// A trivial handler with no database work: the baseline of the POS benchmark.
import { apiSecurityHeaders } from "@/lib/security/headers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function GET() {
  return Response.json({ ok: true, at: new Date().toISOString() }, { headers: { ...apiSecurityHeaders(), "cache-control": "no-store" } });
}
