"use server";
// Confirms an email from the verification link (a button press, so link scanners cannot consume it).
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionClient } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { verifyEmailToken } from "@/lib/customers/email-link";

export const verifyEmailAction = actionClient.schema(z.object({ token: z.string().max(500) })).formAction(
  async ({ input }) => {
    const { email } = await verifyEmailToken(db(), input.token);
    redirect(`/cabinet/verify-email?done=${encodeURIComponent(email)}`);
  },
  () => redirect("/cabinet/verify-email?failed=1"),
);
