"use client";
// Signs the fan out of this browser (next-auth) and back to the branded sign-in page.
import { signOut } from "next-auth/react";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";

export function SignOutButton({ label, className = "", before }: { label?: string; className?: string; before?: () => Promise<unknown> }) {
  const t = useT();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      className={className}
      onClick={async () => {
        setPending(true);
        try {
          await before?.();
        } finally {
          await signOut({ callbackUrl: "/cabinet/sign-in?signedOut=1" });
        }
      }}
    >
      {label ?? t("cabinet.signOut")}
    </button>
  );
}
