// The HTTP side of Resend's webhooks: the raw body, the Svix headers and the answer. The route
// handler (app/api/webhooks/resend) is one line around it.
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError, errorBody, httpStatusOf } from "@/lib/errors";
import { applyResendEvent, verifySvixSignature } from "./webhooks";

const MAX_BODY = 256 * 1024;

const fail = (code: "unauthorized" | "invalid_request" | "invalid_json" | "unavailable", message: string) => {
  const err = new AppError(code, message);
  return Response.json(errorBody(err), { status: httpStatusOf(code) });
};

export async function resendWebhook(req: Request): Promise<Response> {
  const secret = env().RESEND_WEBHOOK_SECRET;
  if (!secret) return fail("unavailable", "RESEND_WEBHOOK_SECRET is not configured");
  const body = await req.text();
  if (body.length > MAX_BODY) return fail("invalid_request", "The body is too large");
  const headers = { id: req.headers.get("svix-id"), timestamp: req.headers.get("svix-timestamp"), signature: req.headers.get("svix-signature") };
  if (!verifySvixSignature(secret, headers, body, now())) return fail("unauthorized", "The webhook signature is not valid");
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return fail("invalid_json", "The body is not JSON");
  }
  try {
    const outcome = await applyResendEvent(db(), headers.id!, payload);
    return Response.json({ ok: true, outcome });
  } catch (e) {
    if ((e as Error).message === "not a Resend email event") return fail("invalid_request", "Not a Resend email event");
    throw e;
  }
}
