import { db } from "@/lib/db/client";
import { checkHealth } from "@/lib/db/health";
import { APP_VERSION } from "@/lib/env";

export const dynamic = "force-dynamic";

export async function GET() {
  let health;
  try {
    health = await checkHealth(db);
  } catch {
    health = { status: "error", db: "down", migrations: "unknown", error: "no database configured" } as const;
  }
  return Response.json({ ...health, version: APP_VERSION }, { status: health.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
