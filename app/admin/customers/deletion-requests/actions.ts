"use server";
// Support answers a customer's deletion request by anonymising them (lib/admin/deletion-requests.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/auth/staff-action";
import { db } from "@/lib/db/client";
import { getT } from "@/lib/i18n/server";
import { anonymiseCustomer } from "@/lib/admin/deletion-requests";

export const anonymiseAction = staffAction(
  "customers.anonymise",
  z.object({
    customerId: z
      .string()
      .trim()
      .regex(/^cus_[0-9a-z]+$/, "unknown customer"),
  }),
  async (input, { staff }) => {
    const { t } = await getT();
    await anonymiseCustomer(db(), { programId: staff.programId, customerId: input.customerId, staffUserId: staff.id });
    revalidatePath("/admin/customers/deletion-requests");
    revalidatePath(`/admin/customers/${input.customerId}`);
    return { message: t("console.deletion.done") };
  },
);
