// The PassKit web service end to end on the real database: registration with the pass's token,
// "which passes changed since tag", the latest pass with the new balance, 304, 401 without or with
// a wrong token, and a device never learning another member's serial.
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { appleWalletConfig } from "@/lib/wallet/config";
import { memberApplePass } from "@/lib/wallet/member-wallets";
import { passAuthToken } from "@/lib/wallet/tokens";
import { latestPass, registerDevice, unregisterDevice, updatedSerials, walletLog } from "@/lib/wallet/web-service";
import { testDb } from "../db";
import { givePoints } from "../cabinet-factories";
import { makeCardHolder, TEST_APP_URL, walletSuite } from "./setup";

const db = testDb();
const suite = walletSuite(db);
const passType = () => appleWalletConfig()!.passTypeId;

const base = `${TEST_APP_URL}/api/wallet/v1`;
const auth = (token: string) => ({ authorization: `ApplePass ${token}` });

function register(device: string, serialNumber: string, token: string | null, pushToken = `push-${device}`) {
  const req = new Request(`${base}/devices/${device}/registrations/${passType()}/${serialNumber}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? auth(token) : {}) },
    body: JSON.stringify({ pushToken }),
  });
  return registerDevice(db, req, { deviceLibraryIdentifier: device, passTypeIdentifier: passType(), serialNumber });
}

function list(device: string, since?: string) {
  const req = new Request(`${base}/devices/${device}/registrations/${passType()}${since ? `?passesUpdatedSince=${since}` : ""}`);
  return updatedSerials(db, req, { deviceLibraryIdentifier: device, passTypeIdentifier: passType() });
}

function fetchPass(serialNumber: string, headers: Record<string, string> = {}, now = new Date()) {
  return latestPass(db, new Request(`${base}/passes/${passType()}/${serialNumber}`, { headers }), { passTypeIdentifier: passType(), serialNumber }, now);
}

async function balanceIn(res: Response): Promise<number> {
  const pass = JSON.parse(Buffer.from(unzipSync(new Uint8Array(await res.arrayBuffer()))["pass.json"]).toString());
  return pass.storeCard.headerFields.find((f: { key: string }) => f.key === "balance").value;
}

async function downloadedPass(points: number) {
  const holder = await makeCardHolder(db, suite.programId, points);
  await memberApplePass(db, holder.fan);
  return { ...holder, token: passAuthToken(holder.card.id) };
}

/** Waits into the next whole second (Last-Modified has second precision). */
const nextSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));

describe("PassKit web service", () => {
  it("registers a device (201, then 200), lists the pass, serves it, and after a balance change lists and serves it again", async () => {
    const { fan, card, token } = await downloadedPass(100);
    const device = `dev${card.id.slice(-10)}`;
    expect((await register(device, card.id, token)).status).toBe(201);
    expect((await register(device, card.id, token)).status).toBe(200);

    const first = await list(device);
    expect(first.status).toBe(200);
    const { serialNumbers, lastUpdated } = await first.json();
    expect(serialNumbers).toEqual([card.id]);
    expect(lastUpdated).toMatch(/^\d+$/);
    expect((await list(device, lastUpdated)).status).toBe(204);

    await nextSecond(); // the second of the last change is over: Last-Modified can be exact
    const pass = await fetchPass(card.id, auth(token));
    expect(pass.status).toBe(200);
    expect(pass.headers.get("content-type")).toBe("application/vnd.apple.pkpass");
    const lastModified = pass.headers.get("last-modified")!;
    expect(await balanceIn(pass)).toBe(100);
    expect((await fetchPass(card.id, { ...auth(token), "if-modified-since": lastModified })).status).toBe(304);

    await nextSecond();
    await givePoints(db, suite.programId, fan.id, 250);
    const changed = await list(device, lastUpdated);
    expect(changed.status).toBe(200);
    const after = await changed.json();
    expect(after.serialNumbers).toEqual([card.id]);
    expect(Number(after.lastUpdated)).toBeGreaterThan(Number(lastUpdated));
    const fresh = await fetchPass(card.id, { ...auth(token), "if-modified-since": lastModified });
    expect(fresh.status).toBe(200);
    expect(await balanceIn(fresh)).toBe(350);

    expect(
      (await unregisterDevice(db, new Request(`${base}/x`, { method: "DELETE", headers: auth(token) }), { deviceLibraryIdentifier: device, passTypeIdentifier: passType(), serialNumber: card.id }))
        .status,
    ).toBe(200);
    expect((await list(device)).status).toBe(204);
  });

  it("a change in the same second as a fetch is not hidden by If-Modified-Since", async () => {
    const { fan, card, token } = await downloadedPass(20);
    const entry = await db.ledgerEntry.findFirstOrThrow({ where: { account: { customerId: fan.id } }, orderBy: { at: "desc" } });
    const fetchedAt = new Date(Math.floor(entry.at.getTime() / 1000) * 1000 + 900); // still the change's second
    const first = await fetchPass(card.id, auth(token), fetchedAt);
    expect(first.status).toBe(200);
    await givePoints(db, suite.programId, fan.id, 5, { at: new Date(Math.max(fetchedAt.getTime(), entry.at.getTime()) + 50) });
    const again = await fetchPass(card.id, { ...auth(token), "if-modified-since": first.headers.get("last-modified")! }, new Date(fetchedAt.getTime() + 2000));
    expect(again.status).toBe(200);
    expect(await balanceIn(again)).toBe(25);
  });

  it("answers 401 without the ApplePass token or with a wrong one, and changes nothing", async () => {
    const victim = await downloadedPass(10);
    const attacker = await downloadedPass(10);
    expect((await fetchPass(victim.card.id)).status).toBe(401);
    expect((await fetchPass(victim.card.id, auth(attacker.token))).status).toBe(401);
    expect((await fetchPass(victim.card.id, { authorization: `Bearer ${victim.token}` })).status).toBe(401);
    expect((await fetchPass(victim.card.id, auth(victim.token))).status).toBe(200);
    // A card never downloaded as a pass has no token that works.
    const { card: other } = await makeCardHolder(db, suite.programId, 0);
    expect((await fetchPass(other.id, auth(passAuthToken(other.id)))).status).toBe(401);

    expect((await register("evil-device", victim.card.id, null)).status).toBe(401);
    expect((await register("evil-device", victim.card.id, attacker.token)).status).toBe(401);
    const del = await unregisterDevice(db, new Request(`${base}/x`, { method: "DELETE", headers: auth(attacker.token) }), {
      deviceLibraryIdentifier: "evil-device",
      passTypeIdentifier: passType(),
      serialNumber: victim.card.id,
    });
    expect(del.status).toBe(401);
    expect(await db.walletRegistration.count({ where: { deviceLibraryId: "evil-device" } })).toBe(0);
  });

  it("never returns another member's serial to a device", async () => {
    const victim = await downloadedPass(10);
    const attacker = await downloadedPass(10);
    expect((await register("victim-phone", victim.card.id, victim.token)).status).toBe(201);
    expect((await register("attacker-phone", attacker.card.id, attacker.token)).status).toBe(201);
    await givePoints(db, suite.programId, victim.fan.id, 5);
    const res = await list("attacker-phone", "0");
    expect((await res.json()).serialNumbers).toEqual([attacker.card.id]);
    expect(((await (await list("victim-phone", "0")).json()) as { serialNumbers: string[] }).serialNumbers).toEqual([victim.card.id]);
  });

  it("twenty registrations of one device at once make one row and exactly one 201", async () => {
    const { card, token } = await downloadedPass(1);
    const statuses = await Promise.all(Array.from({ length: 20 }, () => register("burst-device", card.id, token).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(await db.walletRegistration.count({ where: { deviceLibraryId: "burst-device" } })).toBe(1);
  });

  it("refuses another pass type, a bad body and a bad tag with clear errors", async () => {
    const { card, token } = await downloadedPass(1);
    const wrongType = await latestPass(db, new Request(`${base}/passes/pass.other/${card.id}`, { headers: auth(token) }), { passTypeIdentifier: "pass.other", serialNumber: card.id });
    expect(wrongType.status).toBe(404);
    const bad = await registerDevice(db, new Request(`${base}/x`, { method: "POST", headers: auth(token), body: "{}" }), {
      deviceLibraryIdentifier: "d1",
      passTypeIdentifier: passType(),
      serialNumber: card.id,
    });
    expect(bad.status).toBe(400);
    expect((await list("d1", "yesterday")).status).toBe(400);
    expect((await walletLog(new Request(`${base}/log`, { method: "POST", body: JSON.stringify({ logs: ["Wallet could not reach the service"] }) }))).status).toBe(200);
    expect((await walletLog(new Request(`${base}/log`, { method: "POST", body: "nope" }))).status).toBe(400);
  });
});
