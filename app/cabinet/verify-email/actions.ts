"use server";
// Confirms an email from the verification link (a button press, so link scanners cannot consume it).
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { verifyEmailToken } from "@/lib/customers/email-link";

export async function verifyEmailAction(form: FormData) {
  const token = String(form.get("token") ?? "");
  let email: string;
  try {
    email = (await verifyEmailToken(db(), token)).email;
  } catch {
    redirect("/cabinet/verify-email?failed=1");
  }
  redirect(`/cabinet/verify-email?done=${encodeURIComponent(email)}`);
}
