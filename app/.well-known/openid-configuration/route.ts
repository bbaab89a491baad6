// OpenID Connect discovery (issuer = APP_URL), answered by oidc-provider.
import { db } from "@/lib/db/client";
import { handleOidcRequest } from "@/lib/identity/http";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleOidcRequest(request, db());
}
