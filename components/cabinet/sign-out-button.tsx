"use client";
// Signs the fan out of this browser (next-auth) and back to the branded sign-in page.
import { signOut } from "next-auth/react";
import { useState } from "react";

export function SignOutButton({ label, className = "", before }: { label: string; className?: string; before?: () => Promise<unknown> }) {
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
      {label}
    </button>
  );
}
