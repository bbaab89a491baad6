"use server";
// The consent page's two buttons: continue to the site (allow) or go back with access_denied.
import { redirect } from "next/navigation";
import { z } from "zod";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { finishSignIn } from "@/lib/identity/interactions";

const input = z.object({
  uid: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  decision: z.enum(["allow", "deny"]),
});

export async function decideAction(form: FormData) {
  const parsed = input.safeParse({ uid: form.get("uid"), decision: form.get("decision") });
  if (!parsed.success) redirect("/cabinet");
  const { uid, decision } = parsed.data;
  const p = await getPrincipal("cabinet");
  if (!p || p.kind !== "customer") redirect(`/cabinet/sign-in?next=${encodeURIComponent(`/cabinet/connect/${uid}`)}`);
  const next = await finishSignIn(db(), uid, { id: p.id, programId: p.programId }, decision);
  redirect(next ?? `/cabinet/connect/${uid}`);
}
