import { posPost } from "@/lib/pos/http";
import { confirmPhoneRequest } from "@/lib/pos/schemas";
import { confirmPhone } from "@/lib/purchases/customers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posPost(confirmPhoneRequest, async ({ orm, terminal, body, params }) => ({
  body: await confirmPhone(orm!, terminal, params.id, body.code),
}));
