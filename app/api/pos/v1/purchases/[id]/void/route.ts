import { posPost } from "@/lib/pos/http";
import { emptyRequest } from "@/lib/pos/schemas";
import { voidPurchase } from "@/lib/purchases/holds";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posPost(emptyRequest, async ({ db, tx, terminal, params }) => ({ body: await voidPurchase(db, tx, terminal, params.id) }), { raw: true });
