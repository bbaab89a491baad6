import { posPost } from "@/lib/pos/http";
import { confirmRequest } from "@/lib/pos/schemas";
import { confirmPurchase } from "@/lib/purchases/confirm";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Runs on the raw node-postgres pool: everything confirm does inside its transaction is $queryRaw / $executeRaw.
export const POST = posPost(confirmRequest, async ({ db, tx, terminal, body }) => confirmPurchase(db, tx, terminal, body), { raw: true });
