// The HTTP side of the providers' webhooks: Resend's (the raw body, the Svix headers) and the SMS
// provider's delivery reports (the shared secret as a bearer token), and their answers. The route
// handlers (app/api/webhooks/resend, app/api/webhooks/sms) are one line around them.
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError, errorBody, httpStatusOf, invalidInput } from "@/lib/errors";
import { applySmsReceipt, bearer, sameSecret, smsReceipt } from "./sms-receipts";
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

export async function smsReceiptWebhook(req: Request): Promise<Response> {
  const secret = env().SMS_WEBHOOK_SECRET;
  if (!secret) return fail("unavailable", "SMS_WEBHOOK_SECRET is not configured");
  if (!sameSecret(bearer(req.headers.get("authorization")), secret)) return fail("unauthorized", "The webhook secret is not valid");
  const body = await req.text();
  if (body.length > MAX_BODY) return fail("invalid_request", "The body is too large");
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return fail("invalid_json", "The body is not JSON");
  }
  const parsed = smsReceipt.safeParse(payload);
  if (!parsed.success) {
    const err = invalidInput("Not a delivery report", parsed.error.issues);
    return Response.json(errorBody(err), { status: httpStatusOf(err.code) });
  }
  const outcome = await applySmsReceipt(db(), parsed.data, now());
  return Response.json({ ok: true, outcome });
}
