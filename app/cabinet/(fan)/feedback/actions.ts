"use server";
// Feedback actions of the signed-in fan: open a request, reply in its thread.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { openRequest, replyAsCustomer } from "@/lib/feedback";
import { customerAction } from "../../_lib/customer-action";

export const openRequestAction = customerAction(
  z.object({ topicId: z.string().trim().min(1, "required"), subject: z.string().trim().min(3, "required").max(140), body: z.string().trim().min(1, "required").max(4000) }),
  async (input, { customer }) => {
    const r = await openRequest(db(), { customerId: customer.id, ...input });
    revalidatePath("/cabinet/feedback");
    redirect(`/cabinet/feedback/${r.id}?created=1`);
  },
);

export const replyAction = customerAction(z.object({ requestId: z.string().min(1).max(64), body: z.string().trim().min(1, "required").max(4000) }), async (input, { customer }) => {
  await replyAsCustomer(db(), { customerId: customer.id, requestId: input.requestId, body: input.body });
  revalidatePath(`/cabinet/feedback/${input.requestId}`);
  revalidatePath("/cabinet/feedback");
});
