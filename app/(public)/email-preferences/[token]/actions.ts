"use server";
// The preferences page's button: the same unsubscribe as the one-click POST, for a person.
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionClient } from "@/lib/actions";
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { unsubscribe } from "@/lib/communications/unsubscribe";

export const unsubscribeAction = actionClient.schema(z.object({ token: z.string().max(200) })).formAction(
  async ({ input }) => {
    const ok = await unsubscribe(db(), input.token, now());
    redirect(`/email-preferences/${encodeURIComponent(input.token)}${ok ? "?done=1" : ""}`);
  },
  () => redirect("/"),
);
