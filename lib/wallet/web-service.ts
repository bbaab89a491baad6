// The PassKit web service (Apple's "Wallet Web Service Reference"), served under
// APP_URL/api/wallet: devices register for a pass's updates, ask which passes changed since a tag,
// fetch the latest pass and unregister; Wallet posts its error log. The token of
// `Authorization: ApplePass <token>` is checked against the stored hash for every call that names
// a pass; a device only ever learns the serials it registered with their tokens.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { appleWalletConfig, type AppleWalletConfig } from "./config";
import { lastUpdatedOfCards, memberCard } from "./member-card";
import { buildPkpass, PKPASS_CONTENT_TYPE } from "./pkpass";
import { applePassToken, passTokenValid } from "./tokens";

const deviceId = z.string().regex(/^[\w.-]{1,128}$/);
const serial = z.string().regex(/^[\w-]{1,64}$/);
const registrationBody = z.object({ pushToken: z.string().regex(/^[\w-]{1,256}$/) });
const logBody = z.object({ logs: z.array(z.string().max(2000)).max(100) });

const empty = (status: number, headers?: HeadersInit) => new Response(null, { status, headers });
const error = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });

/** Apple Wallet settings and a pass type this deployment serves, or the answer to give instead. */
function served(passTypeId: string): AppleWalletConfig | Response {
  const config = appleWalletConfig();
  if (!config) return error(404, "not_found", "Apple Wallet is not configured");
  if (passTypeId !== config.passTypeId) return error(404, "not_found", "Unknown pass type");
  return config;
}

async function authorised(db: Db, req: Request, passTypeId: string, serialNumber: string): Promise<boolean> {
  return serial.safeParse(serialNumber).success && passTokenValid(db, passTypeId, serialNumber, applePassToken(req.headers.get("authorization")));
}

/** POST devices/{device}/registrations/{passType}/{serial}: 201 registered, 200 already was. */
export async function registerDevice(db: Db, req: Request, p: { deviceLibraryIdentifier: string; passTypeIdentifier: string; serialNumber: string }): Promise<Response> {
  const config = served(p.passTypeIdentifier);
  if (config instanceof Response) return config;
  if (!(await authorised(db, req, config.passTypeId, p.serialNumber))) return empty(401);
  if (!deviceId.safeParse(p.deviceLibraryIdentifier).success) return error(400, "invalid_request", "Bad device library identifier");
  const body = registrationBody.safeParse(await req.json().catch(() => null));
  if (!body.success) return error(400, "invalid_request", 'The body must be {"pushToken": "…"}');
  // One statement: a registration repeated at the same moment is one row, and the answer says
  // whether this request created it (xmax = 0 on a fresh insert).
  const [row] = await db.$queryRaw<{ inserted: boolean }[]>`
    insert into "WalletRegistration" ("programId", "deviceLibraryId", "passTypeId", "cardId", "pushToken", "updatedAt")
    select w."programId", ${p.deviceLibraryIdentifier}, ${config.passTypeId}, w."cardId", ${body.data.pushToken}, now() from "WalletPass" w where w."cardId" = ${p.serialNumber}
    on conflict ("deviceLibraryId", "passTypeId", "cardId") do update set "pushToken" = excluded."pushToken", "updatedAt" = now()
    returning (xmax = 0) as inserted`;
  // No row: the pass is gone since it was authorised (its card was merged away).
  if (!row) return empty(401);
  // The device's other passes get the same (possibly new) push token.
  await db.walletRegistration.updateMany({ where: { deviceLibraryId: p.deviceLibraryIdentifier, NOT: { pushToken: body.data.pushToken } }, data: { pushToken: body.data.pushToken } });
  return empty(row.inserted ? 201 : 200);
}

/** DELETE devices/{device}/registrations/{passType}/{serial}: 200. */
export async function unregisterDevice(db: Db, req: Request, p: { deviceLibraryIdentifier: string; passTypeIdentifier: string; serialNumber: string }): Promise<Response> {
  const config = served(p.passTypeIdentifier);
  if (config instanceof Response) return config;
  if (!(await authorised(db, req, config.passTypeId, p.serialNumber))) return empty(401);
  await db.walletRegistration.deleteMany({ where: { deviceLibraryId: p.deviceLibraryIdentifier, passTypeId: config.passTypeId, cardId: p.serialNumber } });
  return empty(200);
}

/** The tag of an instant: milliseconds since the epoch. */
export const updateTag = (d: Date) => String(d.getTime());

/** GET devices/{device}/registrations/{passType}?passesUpdatedSince=tag: {serialNumbers, lastUpdated} or 204. */
export async function updatedSerials(db: Db, req: Request, p: { deviceLibraryIdentifier: string; passTypeIdentifier: string }): Promise<Response> {
  const config = served(p.passTypeIdentifier);
  if (config instanceof Response) return config;
  if (!deviceId.safeParse(p.deviceLibraryIdentifier).success) return empty(204);
  const sinceParam = new URL(req.url).searchParams.get("passesUpdatedSince");
  if (sinceParam !== null && !/^\d{1,15}$/.test(sinceParam)) return error(400, "invalid_request", "passesUpdatedSince must be a tag this service returned");
  const since = sinceParam === null ? -1 : Number(sinceParam);
  const registered = await db.walletRegistration.findMany({ where: { deviceLibraryId: p.deviceLibraryIdentifier, passTypeId: config.passTypeId }, select: { cardId: true } });
  const times = await lastUpdatedOfCards(
    db,
    registered.map((r) => r.cardId),
  );
  const changed = [...times]
    .filter(([, at]) => at.getTime() > since)
    .map(([id]) => id)
    .sort();
  if (!changed.length) return empty(204);
  const lastUpdated = Math.max(...[...times.values()].map((d) => d.getTime()));
  return Response.json({ serialNumbers: changed, lastUpdated: String(lastUpdated) });
}

/** GET passes/{passType}/{serial}: the latest .pkpass (401 without its token; 304 when not modified). */
export async function latestPass(db: Db, req: Request, p: { passTypeIdentifier: string; serialNumber: string }, now = new Date()): Promise<Response> {
  const config = served(p.passTypeIdentifier);
  if (config instanceof Response) return config;
  if (!(await authorised(db, req, config.passTypeId, p.serialNumber))) return empty(401);
  const card = await memberCard(db, p.serialNumber, now);
  if (!card) return error(404, "not_found", "The card is no longer active");
  // Last-Modified has whole seconds. While the second of the last change is still running another
  // change may follow in it, so the answer then claims the second before: a device asking again
  // with that date gets the pass once more instead of missing the later change.
  const changedSecond = Math.floor(card.lastUpdated.getTime() / 1000);
  const lastModified = new Date((changedSecond < Math.floor(now.getTime() / 1000) ? changedSecond : changedSecond - 1) * 1000);
  const since = Date.parse(req.headers.get("if-modified-since") ?? "");
  if (Number.isFinite(since) && lastModified.getTime() <= since) return empty(304, { "last-modified": lastModified.toUTCString() });
  return new Response(Buffer.from(buildPkpass(config, card, now)), {
    headers: { "content-type": PKPASS_CONTENT_TYPE, "last-modified": lastModified.toUTCString(), "cache-control": "no-cache" },
  });
}

/** POST log: Wallet's error messages about this service, written to the server log. */
export async function walletLog(req: Request): Promise<Response> {
  const body = logBody.safeParse(await req.json().catch(() => null));
  if (!body.success) return error(400, "invalid_request", 'The body must be {"logs": ["…"]}');
  for (const line of body.data.logs) console.warn(`[wallet] ${line.replace(/[\r\n]+/g, " ")}`);
  return empty(200);
}
