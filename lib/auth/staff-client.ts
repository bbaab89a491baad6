// Browser side of the staff session (console and partner portal): next-auth's own protocol
// (csrf token → credentials callback / signout, `json: true`) against the staff configuration at
// /api/staff-auth — next-auth/react only knows one base path, which the cabinet's fans use.
const BASE = "/api/staff-auth";

async function csrfToken(): Promise<string> {
  const res = await fetch(`${BASE}/csrf`, { cache: "no-store" });
  const data = (await res.json()) as { csrfToken?: string };
  if (!data.csrfToken) throw new Error("no csrf token");
  return data.csrfToken;
}

async function postForm(path: string, fields: Record<string, string>): Promise<{ ok: boolean; url: string | null }> {
  const res = await fetch(`${BASE}/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
    body: new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: "true" }),
  });
  const data = (await res.json().catch(() => ({}))) as { url?: string };
  return { ok: res.ok, url: data.url ?? null };
}

/** Signs a staff user in; `error` is next-auth's code ("CredentialsSignin", "AccountLocked", …). */
export async function staffSignIn(email: string, password: string): Promise<{ ok: boolean; error: string | null }> {
  const { ok, url } = await postForm("callback/staff-password", { email, password, callbackUrl: window.location.href });
  const error = url ? new URL(url, window.location.origin).searchParams.get("error") : "Unknown";
  return { ok: ok && !error, error };
}

/** The signed-in staff user as the session route reports it, or null. */
export async function staffSessionPrincipal(): Promise<{ role?: string | null; partnerId?: string | null } | null> {
  const res = await fetch(`${BASE}/session`, { cache: "no-store" });
  const data = (await res.json().catch(() => null)) as { principal?: { role?: string | null; partnerId?: string | null } | null } | null;
  return data?.principal ?? null;
}

/** Ends the staff session on the server and in this browser; then goes to `callbackUrl` if given. */
export async function staffSignOut(callbackUrl?: string): Promise<void> {
  await postForm("signout", { callbackUrl: callbackUrl ?? window.location.href });
  if (callbackUrl) window.location.href = callbackUrl;
}
