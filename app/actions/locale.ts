"use server";
// Remembers the visitor's language choice.
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient } from "@/lib/actions";
import { LOCALES, LOCALE_COOKIE } from "@/lib/i18n/locales";

export const setLocale = actionClient.schema(z.object({ locale: z.enum(LOCALES) })).formAction(async ({ input }) => {
  (await cookies()).set(LOCALE_COOKIE, input.locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  revalidatePath("/", "layout");
});
