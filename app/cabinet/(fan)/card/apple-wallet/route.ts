// "Add to Apple Wallet": the signed-in fan's card as a .pkpass (404 when Apple Wallet is not configured).
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { activeMemberApplePass } from "@/lib/wallet/member-wallets";
import { PKPASS_CONTENT_TYPE } from "@/lib/wallet/pkpass";

export async function GET() {
  const p = await getPrincipal("cabinet");
  if (!p || p.kind !== "customer") return Response.json({ error: { code: "unauthorized", message: "Sign in first" } }, { status: 401 });
  const found = await activeMemberApplePass(db(), p.id);
  if (found.inactive) return Response.json({ error: { code: "unauthorized", message: "Sign in first" } }, { status: 401 });
  const { pass } = found;
  if (!pass) return Response.json({ error: { code: "not_found", message: "Apple Wallet is not configured" } }, { status: 404 });
  return new Response(Buffer.from(pass.pkpass), {
    headers: {
      "content-type": PKPASS_CONTENT_TYPE,
      "content-disposition": `attachment; filename="card.pkpass"`,
      "cache-control": "no-store",
    },
  });
}
