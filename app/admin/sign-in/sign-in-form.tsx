"use client";
// Email + password through next-auth's "staff-password" provider, without a page reload.
// The console and the partner portal share it; with `requireRole` the signed-in account must
// have that role (and, for partner managers, a partner) or it is signed out again.
import { staffSessionPrincipal, staffSignIn, staffSignOut } from "@/lib/auth/staff-client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";

export function SignInForm({ next, requireRole }: { next: string; requireRole?: "partner_manager" }) {
  const router = useRouter();
  const t = useT();
  const invalid = requireRole ? t("partner.signIn.invalid") : t("console.signIn.invalid");
  const locked = requireRole ? t("partner.signIn.locked") : t("console.signIn.locked");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError(t("console.signIn.required"));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await staffSignIn(email, password);
      if (res.ok) {
        const principal = requireRole ? await staffSessionPrincipal() : null;
        if (!requireRole || (principal?.role === requireRole && principal.partnerId)) {
          router.replace(next);
          router.refresh();
          return;
        }
        // Another kind of account (a console user in the partner portal): not for this door.
        await staffSignOut();
        setError(invalid);
        setPending(false);
        return;
      }
      setError(res.error === "AccountLocked" ? locked : res.error === "CredentialsSignin" ? invalid : t("console.signIn.failed"));
    } catch {
      setError(t("console.signIn.failed"));
    }
    setPending(false);
  }

  const input = "block w-full rounded-lg border-0 px-3 py-2.5 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={error ? "sign-in-error" : undefined}>
      {error && (
        <p id="sign-in-error" role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      )}
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          {t("console.signIn.email")}
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus className={`mt-1 ${input}`} />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-800">
          {t("console.signIn.password")}
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={`mt-1 ${input}`} />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="flex h-11 w-full items-center justify-center rounded-lg bg-brand-600 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? t("console.signIn.submitting") : t("console.signIn.submit")}
      </button>
    </form>
  );
}
