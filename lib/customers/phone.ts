// Phone numbers as the cabinet accepts them: E.164, with the usual Russian spellings normalised
// ("8 999 000-00-01", "+7 (999) 000 00 01" → "+79990000001").
import { z } from "zod";

export function normalizePhone(raw: string): string | null {
  const trimmed = raw.trim();
  let digits = trimmed.replace(/[^\d]/g, "");
  if (!digits) return null;
  if (!trimmed.startsWith("+")) {
    if (digits.length === 11 && digits.startsWith("8")) digits = "7" + digits.slice(1);
    else if (digits.length === 10 && digits.startsWith("9")) digits = "7" + digits;
  }
  const e164 = "+" + digits;
  return /^\+[1-9]\d{7,14}$/.test(e164) ? e164 : null;
}

export const phoneSchema = z
  .string()
  .trim()
  .max(32)
  .transform((v, ctx) => {
    const p = normalizePhone(v);
    if (!p) {
      ctx.addIssue({ code: "custom", message: "invalid_phone" });
      return z.NEVER;
    }
    return p;
  });

export const codeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, "invalid_code");

export const emailSchema = z.string().trim().toLowerCase().max(254).email("invalid_email");
