"use server";
// Server actions of the partner's groups: live preview (count + sample), save, delete. The
// partner comes from the session; the domain evaluates every definition in the partner's scope.
import { redirect } from "next/navigation";
import { z } from "zod";
import type { PreviewData } from "@/app/admin/segments/actions";
import { actionClient, partner } from "@/lib/actions";
import { analyticsDb, db } from "@/lib/db/client";
import { sqlState, SQLSTATE } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { listPartnerCustomers } from "@/lib/partner/customers";
import { createPartnerGroup, deletePartnerGroup, partnerSegmentContext, partnerSegmentDefinitionOrThrow, updatePartnerGroup } from "@/lib/partner/segments";

const manager = actionClient.use(partner());

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "The group is not valid JSON", { text: { key: "partner.groups.invalid" } });
  }
}

/** Count and a sample of an unsaved group (debounced by the builder while editing). */
export const previewPartnerGroup = manager.schema(z.object({ definition: z.string().max(200_000) })).action(async ({ input, ctx: { partner } }) => {
  const definition = partnerSegmentDefinitionOrThrow(parseJson(input.definition));
  const ctx = await partnerSegmentContext(db(), partner);
  try {
    const list = await listPartnerCustomers(analyticsDb(), { partnerId: partner.partnerId, ctx, definition, limit: 8 });
    const sample = list.rows.map((r) => ({ id: r.ref, name: r.firstName ?? "—", phone: r.phone, email: null, tierCode: null }));
    return { data: { count: list.total, sample } satisfies PreviewData };
  } catch (err) {
    if (sqlState(err) === SQLSTATE.queryCanceled) throw new AppError("unavailable", "Counting this group took too long", { text: { key: "partner.groups.tooSlow" } });
    throw err;
  }
});

export const savePartnerGroup = manager
  .schema(z.object({ id: z.string().max(64).optional().or(z.literal("")), name: z.string().trim().min(1).max(120), definition: z.string().max(200_000) }))
  .action(async ({ input, ctx: { partner, t } }) => {
    const actor = { programId: partner.programId, partnerId: partner.partnerId, staffUserId: partner.id };
    const definition = parseJson(input.definition);
    if (input.id) {
      await updatePartnerGroup(db(), actor, { id: input.id, name: input.name, definition });
      return { message: t("partner.groups.saved") };
    }
    const created = await createPartnerGroup(db(), actor, { name: input.name, definition });
    redirect(`/partner/customers?group=${created.id}&created=1`);
  });

export const removePartnerGroup = manager.schema(z.object({ id: z.string().min(1).max(64) })).action(async ({ input, ctx: { partner } }) => {
  await deletePartnerGroup(db(), { programId: partner.programId, partnerId: partner.partnerId, staffUserId: partner.id }, input);
  redirect("/partner/customers");
});
