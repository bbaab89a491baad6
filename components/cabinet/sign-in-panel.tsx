"use client";
// The sign-in card: phone → SMS code (next-auth "phone-code"), or email → magic link.
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useId, useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { useLocale, useT } from "@/lib/i18n/client";
import { controlClass } from "@/components/ui/field";

type CodeAction = (prev: ActionResult<{ phone: string }> | null, form: FormData) => Promise<ActionResult<{ phone: string }>>;
type LinkAction = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

/** Sign-in failures next-auth reports by code (the rest read as a generic failure). */
const SIGN_IN_ERRORS = ["invalid_code", "code_expired", "too_many_attempts", "customer_blocked", "rate_limited"] as const;
type SignInError = (typeof SIGN_IN_ERRORS)[number];
const isSignInError = (code: string | null | undefined): code is SignInError => (SIGN_IN_ERRORS as readonly (string | null | undefined)[]).includes(code);

const button = "flex h-12 w-full items-center justify-center rounded-xl bg-brand-600 text-base font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-wait disabled:opacity-70";

function Alert({ text, tone = "error" }: { text: string; tone?: "error" | "ok" }) {
  return (
    <p
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-lg px-3 py-2 text-sm ring-1 ${tone === "error" ? "bg-red-50 text-red-800 ring-red-200" : "bg-emerald-50 text-emerald-800 ring-emerald-200"}`}
    >
      {text}
    </p>
  );
}

export function SignInPanel({ next, requestCode, requestLink }: { next: string; requestCode: CodeAction; requestLink: LinkAction }) {
  const t = useT();
  const [tab, setTab] = useState<"phone" | "email">("phone");
  const id = useId();
  return (
    <div>
      <div role="tablist" aria-label={t("cabinet.signIn.method")} className="mb-5 grid grid-cols-2 rounded-xl bg-slate-100 p-1">
        {(["phone", "email"] as const).map((k) => (
          <button
            key={k}
            role="tab"
            type="button"
            id={`${id}-${k}`}
            aria-selected={tab === k}
            aria-controls={`${id}-${k}-panel`}
            onClick={() => setTab(k)}
            className={`rounded-lg py-2 text-sm font-semibold transition ${tab === k ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
          >
            {k === "phone" ? t("cabinet.signIn.byPhone") : t("cabinet.signIn.byEmail")}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-${tab}-panel`} aria-labelledby={`${id}-${tab}`}>
        {tab === "phone" ? <PhoneFlow next={next} requestCode={requestCode} /> : <EmailFlow requestLink={requestLink} />}
      </div>
    </div>
  );
}

function PhoneFlow({ next, requestCode }: { next: string; requestCode: CodeAction }) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const [phone, setPhone] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [state, sendAction, sending] = useActionState(async (prev: ActionResult<{ phone: string }> | null, form: FormData) => {
    const r = await requestCode(prev, form);
    setLocalError(null);
    if (r.ok && r.data) setPhone(r.data.phone);
    return r;
  }, null);
  const error = localError ?? (state && !state.ok ? state.error : null);
  const setError = setLocalError;

  async function onCode(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get("code") ?? "").replace(/\D/g, "");
    if (code.length !== 6 || !phone) {
      setError(t("errors.code.invalid_code"));
      return;
    }
    setChecking(true);
    setError(null);
    try {
      const res = await signIn("phone-code", { phone, code, locale, redirect: false });
      if (res?.ok && !res.error) {
        router.replace(next);
        router.refresh();
        return;
      }
      setError(isSignInError(res?.error) ? t(`errors.code.${res.error}`, { seconds: 60 }) : res?.error === "CredentialsSignin" ? t("errors.code.invalid_code") : t("errors.generic"));
    } catch {
      setError(t("errors.generic"));
    }
    setChecking(false);
  }

  if (!phone) {
    return (
      <form action={sendAction} noValidate className="space-y-4">
        {error && <Alert text={error} />}
        <div>
          <label htmlFor="phone" className="block text-sm font-medium text-slate-800">
            {t("cabinet.signIn.phone")}
          </label>
          <input
            id="phone"
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            placeholder="+7 999 000-00-01"
            required
            autoFocus
            className={`mt-1 ${controlClass("lg")}`}
            defaultValue={state?.ok === false ? undefined : ""}
          />
        </div>
        <button type="submit" disabled={sending} className={button}>
          {sending ? t("cabinet.signIn.sending") : t("cabinet.signIn.sendCode")}
        </button>
        <p className="text-xs text-slate-500">{t("cabinet.signIn.newHere")}</p>
      </form>
    );
  }
  return (
    <div className="space-y-4">
      <form onSubmit={onCode} noValidate className="space-y-4">
        <p role="status" className="text-sm text-slate-700">
          {t("cabinet.signIn.codeSent", { phone })}
        </p>
        {error && <Alert text={error} />}
        <div>
          <label htmlFor="code" className="block text-sm font-medium text-slate-800">
            {t("cabinet.signIn.code")}
          </label>
          <input
            id="code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            maxLength={6}
            required
            autoFocus
            className={`mt-1 ${controlClass("lg")} text-center font-mono text-2xl tracking-[0.5em]`}
          />
        </div>
        <button type="submit" disabled={checking} className={button}>
          {checking ? t("cabinet.signIn.checking") : t("cabinet.signIn.submit")}
        </button>
      </form>
      <div className="flex items-center justify-between gap-2 text-sm">
        <button
          type="button"
          className="font-medium text-brand-700 hover:underline"
          onClick={() => {
            setPhone(null);
            setError(null);
          }}
        >
          {t("cabinet.signIn.changePhone")}
        </button>
        <form action={sendAction}>
          <input type="hidden" name="phone" value={phone} />
          <button type="submit" disabled={sending} className="font-medium text-brand-700 hover:underline disabled:opacity-60">
            {t("cabinet.signIn.resend")}
          </button>
        </form>
      </div>
    </div>
  );
}

function EmailFlow({ requestLink }: { requestLink: LinkAction }) {
  const t = useT();
  const [state, action, pending] = useActionState(requestLink, null);
  return (
    <form action={action} noValidate className="space-y-4">
      {state && !state.ok && <Alert text={state.error} />}
      {state?.ok && state.message && <Alert tone="ok" text={state.message} />}
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          {t("cabinet.signIn.email")}
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required className={`mt-1 ${controlClass("lg")}`} />
      </div>
      <button type="submit" disabled={pending} className={button}>
        {pending ? t("cabinet.signIn.sending") : t("cabinet.signIn.sendLink")}
      </button>
      <p className="text-xs text-slate-500">{t("cabinet.signIn.emailHint")}</p>
    </form>
  );
}
