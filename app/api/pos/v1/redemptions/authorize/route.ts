import { posPost } from "@/lib/pos/http";
import { authorizeRedemptionRequest } from "@/lib/pos/schemas";
import { authorizeRedemption } from "@/lib/purchases/customers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posPost(authorizeRedemptionRequest, async ({ db, orm, terminal, body, afterCommit }) => ({
  body: await authorizeRedemption(db, orm!, terminal, body.customer, body.points, afterCommit),
}));
