import { posPostReadOnly } from "@/lib/pos/http";
import { basket } from "@/lib/pos/schemas";
import { calculatePurchase } from "@/lib/purchases/confirm";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posPostReadOnly(basket, async ({ db, q, terminal, body }) => ({ body: await calculatePurchase(db, terminal, body, new Date(), q) }));
