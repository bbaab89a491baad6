import { visitAnswer } from "@/lib/pos/answers";
import { operations } from "@/lib/pos/operations";
import { posRoute } from "@/lib/pos/route";
import { recordVisit } from "@/lib/purchases/visits";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = posRoute(operations.recordVisit, async ({ ctx, input }) => visitAnswer(await recordVisit(ctx, input)));
