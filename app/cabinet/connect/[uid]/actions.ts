"use server";
// The consent page's two buttons: continue to the site (allow) or go back with access_denied.
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionClient, customer } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { finishSignIn } from "@/lib/identity/interactions";

const uid = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export const decideAction = actionClient
  .use(customer())
  .schema(z.object({ uid, decision: z.enum(["allow", "deny"]) }))
  .formAction(
    async ({ input, ctx: { customer } }) => {
      const next = await finishSignIn(db(), input.uid, { id: customer.id, programId: customer.programId }, input.decision);
      redirect(next ?? `/cabinet/connect/${input.uid}`);
    },
    (failure, form) => {
      const back = uid.safeParse(form?.get("uid"));
      if (!back.success) redirect("/cabinet");
      // Signed out meanwhile: sign in and come back to the same question.
      if (failure.code === "unauthorized") redirect(`/cabinet/sign-in?next=${encodeURIComponent(`/cabinet/connect/${back.data}`)}`);
      redirect(`/cabinet/connect/${back.data}`);
    },
  );
