// Texts of the catalog item form (a client component) for the request's locale.
import { en, type MessageKey } from "@/lib/i18n/messages/en";
import type { Translate } from "@/lib/i18n/translate";

export function formText(t: Translate): Record<string, string> {
  const keys = (Object.keys(en) as MessageKey[]).filter((k) => k.startsWith("cat.f.") || k === "cat.edit" || k === "console.common.save");
  return Object.fromEntries(keys.map((k) => [k, t(k)]));
}
