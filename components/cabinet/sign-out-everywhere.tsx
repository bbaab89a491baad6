"use client";
// "Sign out on all devices": bump the session version on the server, then end this session too.
import { SignOutButton } from "./sign-out-button";

export function SignOutEverywhere({ action, label, className }: { action: () => Promise<void>; label: string; className?: string }) {
  return <SignOutButton label={label} className={className} before={action} />;
}
