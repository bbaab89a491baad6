// What a server action may read of its request besides the session (a declared server adapter,
// eslint.config.mjs NEXT_ADAPTERS).
import { headers } from "next/headers";

/**
 * The client address of a public request, for the per-address limit of codes: the address the
 * nearest proxy appended last to X-Forwarded-For (a client may forge the earlier entries), or
 * X-Real-IP. Never used to build links.
 */
export async function clientIp(): Promise<string | null> {
  const h = await headers();
  const forwarded = h
    .get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return forwarded?.at(-1) ?? h.get("x-real-ip") ?? null;
}
