import { posPost } from "@/lib/pos/http";
import { visitRequest } from "@/lib/pos/schemas";
import { recordVisit } from "@/lib/purchases/visits";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posPost(visitRequest, async ({ db, tx, terminal, body }) => ({ body: await recordVisit(db, tx, terminal, body) }), { raw: true });
