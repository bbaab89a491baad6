import { posPost } from "@/lib/pos/http";
import { registerRequest } from "@/lib/pos/schemas";
import { registerAtTill } from "@/lib/purchases/customers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posPost(registerRequest, async ({ db, orm, terminal, body, afterCommit }) => ({
  status: 201,
  body: await registerAtTill(db, orm!, terminal, body, afterCommit),
}));
