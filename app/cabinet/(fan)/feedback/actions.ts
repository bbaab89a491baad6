"use server";
// Feedback actions of the signed-in fan: open a request, reply in its thread.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionClient, customer } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { openRequest, openRequestInput, replyAsCustomer } from "@/lib/feedback";

const fan = actionClient.use(customer());

export const openRequestAction = fan.schema(openRequestInput).action(async ({ input, ctx: { customer } }) => {
  const r = await openRequest(db(), { customerId: customer.id, ...input });
  revalidatePath("/cabinet/feedback");
  redirect(`/cabinet/feedback/${r.id}?created=1`);
});

export const replyAction = fan.schema(z.object({ requestId: z.string().min(1).max(64), body: z.string().trim().min(1).max(4000) })).action(async ({ input, ctx: { customer } }) => {
  await replyAsCustomer(db(), { customerId: customer.id, requestId: input.requestId, body: input.body });
  revalidatePath(`/cabinet/feedback/${input.requestId}`);
  revalidatePath("/cabinet/feedback");
});
