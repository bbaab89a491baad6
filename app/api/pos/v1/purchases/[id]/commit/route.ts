import { posPost } from "@/lib/pos/http";
import { emptyRequest } from "@/lib/pos/schemas";
import { commitPurchase } from "@/lib/purchases/confirm";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posPost(emptyRequest, async ({ db, tx, terminal, params }) => ({ body: await commitPurchase(db, tx, terminal, params.id) }), { raw: true });
