// What every signed-in cabinet page needs: the fan (from the session, never from the URL), the
// program, and the texts in the fan's language.
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { requireCustomer } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { customerWithProgram } from "@/lib/customers/profile";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/server";
import type { Locale } from "@/lib/i18n/locales";

export const loadCabinet = cache(async () => {
  const principal = await requireCustomer();
  const found = await customerWithProgram(db(), principal.id);
  if (!found || found.customer.status !== "active") redirect("/cabinet/sign-in");
  const { customer, program } = found;
  const { t, locale } = await getT((program.defaultLocale as Locale) ?? "ru");
  return { principal, customer, program, t, locale, db: db() };
});

export { displayName as fanName } from "@/lib/customers/display-name";

/** Runs a scoped read; not_found (another fan's id, or a bad id) becomes the 404 page. */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof AppError && e.status === 404) notFound();
    throw e;
  }
}
