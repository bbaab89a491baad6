import { phoneConfirmationAnswer } from "@/lib/pos/answers";
import { operations } from "@/lib/pos/operations";
import { posRoute } from "@/lib/pos/route";
import { confirmPhone } from "@/lib/purchases/customers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posRoute(operations.confirmPhone, async ({ ctx, input, params }) => phoneConfirmationAnswer(await confirmPhone(ctx, params.id, input.code)));
