"use client";
// Opens a magic sign-in link: hands the token to next-auth's "email-link" provider once.
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

export function EmailLinkSignIn({ token, text }: { token: string; text: { title: string; failed: string; again: string } }) {
  const router = useRouter();
  const started = useRef(false);
  const [failed, setFailed] = useState(!token);
  useEffect(() => {
    if (started.current || !token) return;
    started.current = true;
    signIn("email-link", { token, redirect: false })
      .then((res) => {
        if (res?.ok && !res.error) {
          router.replace("/cabinet");
          router.refresh();
        } else setFailed(true);
      })
      .catch(() => setFailed(true));
  }, [token, router]);
  if (!failed) return <p role="status" className="animate-pulse text-lg font-semibold">{text.title}</p>;
  return (
    <div className="space-y-4">
      <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">{text.failed}</p>
      <Link href="/cabinet/sign-in" className="inline-flex h-11 items-center rounded-xl bg-brand-600 px-5 text-sm font-semibold text-white hover:bg-brand-700">{text.again}</Link>
    </div>
  );
}
