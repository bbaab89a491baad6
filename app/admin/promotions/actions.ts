"use server";
// Server actions of Promotions: save a version (marketers, owner), pause / resume / end, generate
// unique codes, and the editor's live preview (anyone who may read promotions). Every write goes
// through lib/promotions (validated like `promotions:apply`, versioned, audited as the staff user).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { generateCodes, revokeCodes } from "@/lib/promotions/codes";
import { now } from "@/lib/clock";
import { CONSOLE_CODE_BATCH } from "@/lib/promotions/console";
import { PREVIEW_LIMITS, previewPromotion } from "@/lib/promotions/preview";
import { previewView, type PreviewView } from "@/lib/promotions/preview-view";
import { programZone } from "@/lib/admin/program-info";
import { currentDefinitions, savePromotion, setPromotionStatus } from "@/lib/promotions/store";

const editor = actionClient.use(staff("promotions.edit"));

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "The definition is not JSON", { text: { key: "console.promo.badJson" }, details: [{ path: "definition", message: "invalid JSON" }] });
  }
}

const saveInput = z.object({
  definition: z.string().min(2).max(200_000),
  /** The code of the promotion being edited; empty for a new one. */
  editing: z.string().max(64).optional().default(""),
  note: z.string().trim().max(500).optional(),
});

export const savePromotionAction = editor.schema(saveInput).action(async ({ input, ctx: { staff, t } }) => {
  const json = parseJson(input.definition);
  const code = typeof json === "object" && json !== null ? (json as { code?: unknown }).code : undefined;
  if (input.editing && code !== input.editing) throw new AppError("invalid_request", "The code of a promotion cannot change", { details: [{ path: "code", message: t("console.promo.codeFixed") }] });
  if (!input.editing && typeof code === "string" && (await currentDefinitions(db(), staff.programId)).some((p) => p.def.code === code)) {
    throw new AppError("already_exists", `Promotion ${code} exists`, { details: [{ path: "code", message: "already_used" }] });
  }
  const out = await savePromotion(db(), staff.programId, json, { actor: { type: "staff", id: staff.id }, note: input.note || undefined });
  revalidatePath("/admin/promotions");
  return { message: out.changed ? t("console.promo.saved", { version: out.version }) : t("console.promo.unchanged"), data: out };
});

const statusInput = z.object({ code: z.string().min(1).max(64), status: z.enum(["active", "paused", "ended"]) });

export const setStatusAction = editor.schema(statusInput).action(async ({ input, ctx: { staff, t } }) => {
  const out = await setPromotionStatus(db(), staff.programId, input.code, input.status, { type: "staff", id: staff.id });
  revalidatePath("/admin/promotions");
  revalidatePath(`/admin/promotions/${input.code}`);
  return { message: t(`console.promo.status.done.${input.status}`, { version: out.version }) };
});

const codesInput = z.object({ code: z.string().min(1).max(64), count: z.coerce.number().int().min(1).max(CONSOLE_CODE_BATCH) });

export const generateCodesAction = editor.schema(codesInput).action(async ({ input, ctx: { staff, t } }) => {
  const codes = await generateCodes(db(), { programId: staff.programId, promotionCode: input.code, count: input.count, actor: { type: "staff", id: staff.id } });
  revalidatePath(`/admin/promotions/${input.code}`);
  return { message: t("console.promo.codes.generated", { count: codes.length }), data: { sample: codes.slice(0, 5) } };
});

const revokeInput = z.object({ code: z.string().min(1).max(64), promoCode: z.string().trim().max(64).optional(), unused: z.literal("1").optional() });

/** Revokes one code (`promoCode`) or every unused code of the promotion (`unused=1`). */
export const revokeCodesAction = editor.schema(revokeInput).action(async ({ input, ctx: { staff, t } }) => {
  if (!input.promoCode && !input.unused) throw new AppError("invalid_request", "Which code?", { details: [{ path: "promoCode", message: "required" }] });
  const changed = await revokeCodes(db(), {
    programId: staff.programId,
    promotionCode: input.code,
    code: input.promoCode || undefined,
    unusedOnly: !!input.unused,
    actor: { type: "staff", id: staff.id },
    at: now(),
  });
  // The button's page refreshes after the toast (RefreshingActionButton): the row's button goes away.
  return { message: input.promoCode ? t("console.promo.codes.revokedOne", { code: input.promoCode.toUpperCase() }) : t("console.promo.codes.revokedMany", { count: changed }) };
});

const previewInput = z.object({
  definition: z.string().min(2).max(200_000),
  basket: z.object({
    lines: z
      .array(
        z.object({
          sku: z.string().trim().max(64),
          category: z.string().trim().max(64),
          price: z.number().int().min(0).max(PREVIEW_LIMITS.price),
          quantity: z.number().gt(0).max(PREVIEW_LIMITS.quantity),
        }),
      )
      .min(1)
      .max(PREVIEW_LIMITS.lines),
    tierCode: z.string().max(64).nullable(),
    segments: z.array(z.string().max(200)).max(50),
    newMember: z.boolean(),
    birthday: z.boolean(),
    code: z.string().trim().max(64),
    storeCode: z.string().max(64).nullable(),
    at: z.iso.datetime({ offset: true }),
    ignoreCalendar: z.boolean(),
  }),
});

export const previewAction = actionClient
  .use(staff("promotions.view"))
  .schema(previewInput)
  .action<PreviewView>(async ({ input, ctx: { staff, t, locale } }) => {
    const [answer, program] = await Promise.all([
      previewPromotion(db(), staff.programId, parseJson(input.definition), { ...input.basket, at: new Date(input.basket.at) }),
      programZone(db(), staff.programId),
    ]);
    return { data: previewView(answer, t, locale, program.currency) };
  });
