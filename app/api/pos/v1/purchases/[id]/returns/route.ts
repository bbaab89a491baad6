import { posPost } from "@/lib/pos/http";
import { returnRequest } from "@/lib/pos/schemas";
import { returnPurchase } from "@/lib/purchases/returns";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posPost(returnRequest, async ({ db, tx, terminal, body, params }) => ({
  status: 201,
  body: await returnPurchase(db, tx, terminal, params.id, body),
}), { raw: true });
