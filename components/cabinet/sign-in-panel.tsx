"use client";
// The sign-in card: phone → SMS code (next-auth "phone-code"), or email → magic link.
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useId, useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { inputClass } from "./form";

type CodeAction = (prev: ActionResult<{ phone: string }> | null, form: FormData) => Promise<ActionResult<{ phone: string }>>;
type LinkAction = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

export interface SignInText {
  method: string;
  byPhone: string;
  byEmail: string;
  phone: string;
  sendCode: string;
  sending: string;
  code: string;
  codeSent: string;
  submit: string;
  checking: string;
  changePhone: string;
  resend: string;
  newHere: string;
  email: string;
  sendLink: string;
  emailHint: string;
}

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

export function SignInPanel({
  text,
  errors,
  next,
  locale,
  requestCode,
  requestLink,
}: {
  text: SignInText;
  errors: Record<string, string>;
  next: string;
  locale: string;
  requestCode: CodeAction;
  requestLink: LinkAction;
}) {
  const [tab, setTab] = useState<"phone" | "email">("phone");
  const id = useId();
  return (
    <div>
      <div role="tablist" aria-label={text.method} className="mb-5 grid grid-cols-2 rounded-xl bg-slate-100 p-1">
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
            {k === "phone" ? text.byPhone : text.byEmail}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-${tab}-panel`} aria-labelledby={`${id}-${tab}`}>
        {tab === "phone" ? <PhoneFlow text={text} errors={errors} next={next} locale={locale} requestCode={requestCode} /> : <EmailFlow text={text} requestLink={requestLink} />}
      </div>
    </div>
  );
}

function PhoneFlow({ text, errors, next, locale, requestCode }: { text: SignInText; errors: Record<string, string>; next: string; locale: string; requestCode: CodeAction }) {
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
      setError(errors.invalid_code);
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
      setError(errors[res?.error ?? ""] ?? (res?.error === "CredentialsSignin" ? errors.invalid_code : errors.generic));
    } catch {
      setError(errors.generic);
    }
    setChecking(false);
  }

  if (!phone) {
    return (
      <form action={sendAction} noValidate className="space-y-4">
        {error && <Alert text={error} />}
        <div>
          <label htmlFor="phone" className="block text-sm font-medium text-slate-800">
            {text.phone}
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
            className={`mt-1 ${inputClass}`}
            defaultValue={state?.ok === false ? undefined : ""}
          />
        </div>
        <button type="submit" disabled={sending} className={button}>
          {sending ? text.sending : text.sendCode}
        </button>
        <p className="text-xs text-slate-500">{text.newHere}</p>
      </form>
    );
  }
  return (
    <div className="space-y-4">
      <form onSubmit={onCode} noValidate className="space-y-4">
        <p role="status" className="text-sm text-slate-700">
          {text.codeSent.replace("{phone}", phone)}
        </p>
        {error && <Alert text={error} />}
        <div>
          <label htmlFor="code" className="block text-sm font-medium text-slate-800">
            {text.code}
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
            className={`mt-1 ${inputClass} text-center font-mono text-2xl tracking-[0.5em]`}
          />
        </div>
        <button type="submit" disabled={checking} className={button}>
          {checking ? text.checking : text.submit}
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
          {text.changePhone}
        </button>
        <form action={sendAction}>
          <input type="hidden" name="phone" value={phone} />
          <button type="submit" disabled={sending} className="font-medium text-brand-700 hover:underline disabled:opacity-60">
            {text.resend}
          </button>
        </form>
      </div>
    </div>
  );
}

function EmailFlow({ text, requestLink }: { text: SignInText; requestLink: LinkAction }) {
  const [state, action, pending] = useActionState(requestLink, null);
  return (
    <form action={action} noValidate className="space-y-4">
      {state && !state.ok && <Alert text={state.error} />}
      {state?.ok && state.message && <Alert tone="ok" text={state.message} />}
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          {text.email}
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required className={`mt-1 ${inputClass}`} />
      </div>
      <button type="submit" disabled={pending} className={button}>
        {pending ? text.sending : text.sendLink}
      </button>
      <p className="text-xs text-slate-500">{text.emailHint}</p>
    </form>
  );
}
