"use client";
// Common texts of client components (buttons, pagination, dialogs), translated on the server by
// the admin layout and handed down once, so client components need no i18n of their own.
import { createContext, useContext } from "react";

export interface AdminText {
  cancel: string;
  confirm: string;
  close: string;
  saving: string;
  previous: string;
  next: string;
  /** "{from}–{to} of {total}" */
  range: string;
  /** "{from}–{to}" (total unknown) */
  rangeOpen: string;
  sortedAsc: string;
  sortedDesc: string;
  notifications: string;
  genericError: string;
  errorTitle: string;
  errorText: string;
  retry: string;
}

export const DEFAULT_TEXT: AdminText = {
  cancel: "Cancel",
  confirm: "Confirm",
  close: "Close",
  saving: "Saving…",
  previous: "Previous",
  next: "Next",
  range: "{from}–{to} of {total}",
  rangeOpen: "{from}–{to}",
  sortedAsc: "sorted ascending",
  sortedDesc: "sorted descending",
  notifications: "Notifications",
  genericError: "Something went wrong",
  errorTitle: "This page could not be loaded",
  errorText: "Something went wrong on our side. Try again in a moment.",
  retry: "Try again",
};

const Ctx = createContext<AdminText>(DEFAULT_TEXT);

export function AdminTextProvider({ text, children }: { text: AdminText; children: React.ReactNode }) {
  return <Ctx.Provider value={text}>{children}</Ctx.Provider>;
}

export function useAdminText(): AdminText {
  return useContext(Ctx);
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
