"use server";
// Server actions of the identity centre's sites (owner only).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { OIDC_SCOPES, registerClient, rotateClientSecret, setClientActive } from "@/lib/identity/clients";

const siteManager = actionClient.use(staff("sites.manage"));

const lines = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(/\r?\n/)
      .map((x) => x.trim())
      .filter(Boolean),
  );
const scopes = z
  .union([z.enum(OIDC_SCOPES), z.array(z.enum(OIDC_SCOPES))])
  .default([])
  .transform((s) => ["openid", ...[s].flat().filter((x) => x !== "openid")]);

const registerInput = z.object({
  name: z.string().trim().min(2).max(80),
  redirectUris: lines,
  postLogoutRedirectUris: lines,
  type: z.enum(["confidential", "public"]),
  scopes,
});

export const registerSiteAction = siteManager.schema(registerInput).action(async ({ input, ctx: { staff, t } }) => {
  const { clientId, clientSecret } = await registerClient(
    db(),
    staff.programId,
    { type: "staff", id: staff.id },
    {
      name: input.name,
      redirectUris: input.redirectUris,
      postLogoutRedirectUris: input.postLogoutRedirectUris,
      public: input.type === "public",
      scopes: input.scopes as (typeof OIDC_SCOPES)[number][],
    },
  );
  revalidatePath("/admin/sites");
  return { message: t("console.sites.created", { name: input.name }), data: { clientId, clientSecret } };
});

export const setSiteActiveAction = siteManager.schema(z.object({ clientId: z.string().min(1), active: z.enum(["1", "0"]) })).action(async ({ input, ctx: { staff, t } }) => {
  await setClientActive(db(), staff.programId, { type: "staff", id: staff.id }, input.clientId, input.active === "1");
  revalidatePath("/admin/sites");
  return { message: input.active === "1" ? t("console.sites.enabledDone") : t("console.sites.disabledDone") };
});

export const rotateSecretAction = siteManager.schema(z.object({ clientId: z.string().min(1) })).action(async ({ input, ctx: { staff, t } }) => {
  const secret = await rotateClientSecret(db(), staff.programId, { type: "staff", id: staff.id }, input.clientId);
  return { message: t("console.sites.rotated"), data: { clientId: input.clientId, clientSecret: secret as string | null } };
});
