import { registrationAnswer } from "@/lib/pos/answers";
import { operations } from "@/lib/pos/operations";
import { posRoute } from "@/lib/pos/route";
import { registerAtTill } from "@/lib/purchases/customers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posRoute(operations.registerCustomer, async ({ ctx, input }) => registrationAnswer(await registerAtTill(ctx, input)));
