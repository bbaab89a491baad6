// The identity centre's endpoints (authorization, token, JWKS, userinfo, logout, revocation):
// every request goes through oidc-provider (lib/identity).
import { db } from "@/lib/db/client";
import { handleOidcRequest } from "@/lib/identity/http";

export const dynamic = "force-dynamic";

const handle = (request: Request) => handleOidcRequest(request, db());
export { handle as GET, handle as POST, handle as OPTIONS };
