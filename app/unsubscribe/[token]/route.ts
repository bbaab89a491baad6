// The List-Unsubscribe link of marketing and survey emails (RFC 8058): a POST (the mail client's
// one-click) unsubscribes without sign-in; a GET (a person, or a link scanner) changes nothing and
// shows the preferences page, whose button unsubscribes.
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { appUrl } from "@/lib/env";
import { unsubscribe } from "@/lib/communications/unsubscribe";

type Params = { params: Promise<{ token: string }> };

export async function POST(_req: Request, { params }: Params) {
  const { token } = await params;
  const ok = await unsubscribe(db(), token, now());
  return new Response(ok ? "unsubscribed\n" : "invalid link\n", { status: ok ? 200 : 404, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export async function GET(_req: Request, { params }: Params) {
  const { token } = await params;
  return Response.redirect(appUrl(`/email-preferences/${encodeURIComponent(token)}`), 303);
}
