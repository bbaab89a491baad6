// Resend's delivery, open, click, bounce and complaint events (lib/communications/webhook-route.ts).
import { resendWebhook } from "@/lib/communications/webhook-route";

export async function POST(req: Request) {
  return resendWebhook(req);
}
