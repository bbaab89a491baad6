// What a marketer defines for a campaign, checked in one place (the console's form, the seed and
// the tests go through it): its name, segment, channel, 1–3 variants whose percents add up to 100,
// each with a subject (email) and a body in Russian and English, and a holdout percent.
import { z } from "zod";
import { AppError } from "@/lib/errors";

export const VARIANT_KEYS = ["A", "B", "C"] as const;
export type VariantKey = (typeof VARIANT_KEYS)[number];
export const MAX_HOLDOUT_PERCENT = 50;

const text = (max: number) => z.string().trim().max(max);
const localized = (max: number) => z.object({ ru: text(max), en: text(max) });

export const campaignVariantSchema = z.object({
  key: z.enum(VARIANT_KEYS),
  percent: z.number().int().min(1).max(100),
  subject: localized(150),
  body: localized(4_000),
});

export const campaignInputSchema = z
  .object({
    name: text(120).min(1),
    /** Required for the owner's campaigns; a partner's mailing may go to all its customers (lib/campaigns/store.ts). */
    segmentId: z.string().min(1).nullish(),
    channel: z.enum(["email", "sms"]),
    holdoutPercent: z.number().min(0).max(MAX_HOLDOUT_PERCENT),
    variants: z.array(campaignVariantSchema).min(1).max(3),
  })
  .superRefine((c, ctx) => {
    const total = c.variants.reduce((s, v) => s + v.percent, 0);
    if (total !== 100) ctx.addIssue({ code: "custom", path: ["variants"], message: `variant percents must add up to 100 (they add up to ${total})` });
    c.variants.forEach((v, i) => {
      if (v.key !== VARIANT_KEYS[i]) ctx.addIssue({ code: "custom", path: ["variants", i, "key"], message: `variant ${i + 1} must be ${VARIANT_KEYS[i]}` });
      for (const locale of ["ru", "en"] as const) {
        if (!v.body[locale]) ctx.addIssue({ code: "custom", path: ["variants", i, "body", locale], message: "required" });
        if (c.channel === "email" && !v.subject[locale]) ctx.addIssue({ code: "custom", path: ["variants", i, "subject", locale], message: "required" });
        if (c.channel === "sms" && v.body[locale].length > 480) ctx.addIssue({ code: "custom", path: ["variants", i, "body", locale], message: "an SMS takes up to 480 characters" });
      }
    });
  });

export type CampaignVariant = z.infer<typeof campaignVariantSchema>;
export type CampaignInput = z.infer<typeof campaignInputSchema>;

/** The input, checked; bad input is an `invalid_request` listing every problem by path. */
export function campaignInputOrThrow(input: unknown): CampaignInput {
  const r = campaignInputSchema.safeParse(input);
  if (r.success) return r.data;
  throw new AppError("invalid_request", r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), {
    details: r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });
}

/** Fills {name} with the member's first name (or drops it with the comma or space before it). */
export function personalise(s: string, firstName: string | null): string {
  return firstName ? s.replaceAll("{name}", firstName) : s.replace(/[,\s]*\{name\}/g, "");
}
