"use client";
// Opens a magic sign-in link: the page only shows a button; the token is handed to next-auth's
// "email-link" provider (a POST that consumes it) when the member presses it — a GET of the link
// by a mail scanner or a preview consumes nothing.
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";

type State = "idle" | "pending" | "failed";

export function EmailLinkSignIn({ token }: { token: string }) {
  const t = useT();
  const router = useRouter();
  const [state, setState] = useState<State>(token ? "idle" : "failed");
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (state === "pending") return;
    setState("pending");
    signIn("email-link", { token, redirect: false })
      .then((res) => {
        if (res?.ok && !res.error) {
          router.replace("/cabinet");
          router.refresh();
        } else setState("failed");
      })
      .catch(() => setState("failed"));
  };
  if (state === "failed") {
    return (
      <div className="space-y-4">
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {t("cabinet.signIn.linkFailed")}
        </p>
        <Link href="/cabinet/sign-in" className="inline-flex h-11 items-center rounded-xl bg-brand-600 px-5 text-sm font-semibold text-white hover:bg-brand-700">
          {t("cabinet.signIn.again")}
        </Link>
      </div>
    );
  }
  return (
    <form method="post" onSubmit={submit} className="space-y-4">
      <p className="text-slate-700">{t("cabinet.signIn.linkConfirm")}</p>
      <button
        type="submit"
        disabled={state === "pending"}
        aria-busy={state === "pending"}
        className="inline-flex h-11 items-center rounded-xl bg-brand-600 px-6 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-70"
      >
        {state === "pending" ? t("cabinet.signIn.linkTitle") : t("cabinet.signIn.linkButton")}
      </button>
    </form>
  );
}
