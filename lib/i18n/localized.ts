// Program-authored text (status names and benefits, the tagline, catalog items, feedback topics)
// in one language or several: "Gold", or { "en": "Gold", "ru": "Золото" }. One reader for all of it.
import { LOCALES, type Locale } from "./locales";

export type LocalizedText = string | Partial<Record<Locale, string>>;

/**
 * The text in `locale`; else in the program's default language; else English; else the first
 * language given. A plain string is the same in every language.
 */
export function localized(text: LocalizedText | null | undefined, locale: Locale, programDefault?: Locale | null): string {
  if (text == null) return "";
  if (typeof text === "string") return text;
  for (const l of [locale, programDefault, "en" as const]) if (l && text[l]) return text[l];
  for (const l of LOCALES) if (text[l]) return text[l];
  return Object.values(text).find((v) => typeof v === "string" && v) ?? "";
}

/** A text stored as an English column and an optional Russian one (catalog items, feedback topics). */
export function fromColumns(en: string, ru: string | null | undefined): LocalizedText {
  return ru ? { en, ru } : en;
}

/**
 * Input of a record stored in columns (`title` + `titleRu`): a field given as one text per
 * language, `{"title": {"en": "Pitch tour", "ru": "Экскурсия"}}`, becomes the English column (the
 * first language when there is no English) and the Russian one. Anything else passes unchanged.
 */
export function toColumns<T>(input: T, fields: readonly string[]): T {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input;
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const f of fields) {
    const v = out[f];
    if (!v || typeof v !== "object" || Array.isArray(v)) continue;
    const text = v as Record<string, unknown>;
    out[f] = text.en ?? Object.values(text)[0];
    if (text.ru !== undefined) out[`${f}Ru`] = text.ru;
  }
  return out as T;
}
