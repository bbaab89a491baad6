"use client";
// "Sign out on all devices": bump the session version on the server, then end this session too.
import { useT } from "@/lib/i18n/client";
import { SignOutButton } from "./sign-out-button";

export function SignOutEverywhere({ action, className }: { action: () => Promise<void>; className?: string }) {
  const t = useT();
  return <SignOutButton label={t("cabinet.signOutEverywhere")} className={className} before={action} />;
}
