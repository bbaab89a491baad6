// The SMS provider's delivery reports (lib/communications/webhook-route.ts).
import { smsReceiptWebhook } from "@/lib/communications/webhook-route";

export async function POST(req: Request) {
  return smsReceiptWebhook(req);
}
