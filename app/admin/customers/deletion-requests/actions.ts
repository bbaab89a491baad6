"use server";
// Support answers a customer's deletion request by anonymising them (lib/admin/deletion-requests.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient, staff } from "@/lib/actions";
import { db } from "@/lib/db/client";
import { anonymiseCustomer } from "@/lib/admin/deletion-requests";

export const anonymiseAction = actionClient
  .use(staff("customers.anonymise"))
  .schema(
    z.object({
      customerId: z
        .string()
        .trim()
        .regex(/^cus_[0-9a-z]+$/, "unknown customer"),
    }),
  )
  .action(async ({ input, ctx: { staff, t } }) => {
    await anonymiseCustomer(db(), { programId: staff.programId, customerId: input.customerId, staffUserId: staff.id });
    revalidatePath("/admin/customers/deletion-requests");
    revalidatePath(`/admin/customers/${input.customerId}`);
    return { message: t("console.deletion.done") };
  });
