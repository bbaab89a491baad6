// Update pushes: a balance change queues one push per registered device (once, however many job
// runs race), the pushes land in the outbox without APNs, and the APNs client speaks HTTP/2 with
// the pass certificate to a local TLS server standing in for Apple.
import http2 from "node:http2";
import type { TLSSocket } from "node:tls";
import forge from "node-forge";
import { describe, expect, it } from "vitest";
import { apnsClient } from "@/lib/wallet/apns";
import { appleWalletConfig } from "@/lib/wallet/config";
import { memberApplePass } from "@/lib/wallet/member-wallets";
import { queueWalletPushes, sendWalletPushes } from "@/lib/wallet/push";
import { passAuthToken } from "@/lib/wallet/tokens";
import { registerDevice } from "@/lib/wallet/web-service";
import { testDb } from "../db";
import { givePoints } from "../cabinet-factories";
import { makeCardHolder, TEST_APP_URL, walletSuite } from "./setup";

const db = testDb();
const suite = walletSuite(db);

async function registeredPass(device: string, pushToken: string) {
  const holder = await makeCardHolder(db, suite.programId, 10);
  await memberApplePass(db, holder.fan);
  const passType = appleWalletConfig()!.passTypeId;
  const req = new Request(`${TEST_APP_URL}/api/wallet/v1/devices/${device}/registrations/${passType}/${holder.card.id}`, {
    method: "POST",
    headers: { authorization: `ApplePass ${passAuthToken(holder.card.id)}` },
    body: JSON.stringify({ pushToken }),
  });
  expect((await registerDevice(db, req, { deviceLibraryIdentifier: device, passTypeIdentifier: passType, serialNumber: holder.card.id })).status).toBe(201);
  return holder;
}

const pushesOf = (cardId: string) => db.walletPush.findMany({ where: { cardId } });

describe("wallet pushes", () => {
  it("a balance change queues one push per device — once, even with 20 job runs at the same moment — and it lands in the outbox", async () => {
    const { fan, card } = await registeredPass("phone-a", "token-a");
    await queueWalletPushes(db, new Date());
    expect(await pushesOf(card.id)).toHaveLength(0); // nothing changed since the download

    await givePoints(db, suite.programId, fan.id, 40);
    await Promise.all(Array.from({ length: 20 }, () => queueWalletPushes(db, new Date())));
    const pushes = await pushesOf(card.id);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({ deviceLibraryId: "phone-a", pushToken: "token-a", status: "queued" });
    await queueWalletPushes(db, new Date());
    expect(await pushesOf(card.id)).toHaveLength(1);

    const r = await sendWalletPushes(db, new Date());
    expect(r.logged).toBeGreaterThanOrEqual(1);
    expect((await pushesOf(card.id))[0].status).toBe("logged");
    expect(await db.outboxMessage.count({ where: { channel: "push", to: "token-a", body: { contains: card.id } } })).toBe(1);
  });

  it("the APNs client posts to /3/device/<token> with the pass type as topic and the pass certificate; 410 drops the registration", async () => {
    const good = await registeredPass("phone-b", "goodtoken");
    const gone = await registeredPass("phone-c", "gonetoken");
    await givePoints(db, suite.programId, good.fan.id, 1);
    await givePoints(db, suite.programId, gone.fan.id, 1);
    await queueWalletPushes(db, new Date());

    const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = "01";
    cert.validity.notBefore = new Date(Date.now() - 60_000);
    cert.validity.notAfter = new Date(Date.now() + 3600_000);
    cert.setSubject([{ name: "commonName", value: "localhost" }]);
    cert.setIssuer([{ name: "commonName", value: "localhost" }]);
    cert.setExtensions([{ name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }] }]);
    cert.sign(keys.privateKey, forge.md.sha256.create());
    const serverCert = forge.pki.certificateToPem(cert);

    const seen: { path: string; topic: string; clientUid: string }[] = [];
    const server = http2.createSecureServer({ key: forge.pki.privateKeyToPem(keys.privateKey), cert: serverCert, requestCert: true, rejectUnauthorized: false });
    server.on("stream", (stream, headers) => {
      const peer = (stream.session!.socket as TLSSocket).getPeerCertificate();
      seen.push({ path: String(headers[":path"]), topic: String(headers["apns-topic"]), clientUid: String((peer.subject as unknown as Record<string, string>)?.UID ?? "") });
      stream.resume();
      stream.on("end", () => {
        if (String(headers[":path"]).endsWith("/gonetoken")) {
          stream.respond({ ":status": 410 });
          stream.end(JSON.stringify({ reason: "Unregistered" }));
        } else {
          stream.respond({ ":status": 200 });
          stream.end();
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const config = appleWalletConfig()!;
    const client = apnsClient(config, `localhost:${port}`, { ca: serverCert });
    try {
      await sendWalletPushes(db, new Date(), { client });
    } finally {
      client.close();
      await new Promise((r) => server.close(r));
    }
    expect(seen.map((s) => s.path)).toEqual(expect.arrayContaining(["/3/device/goodtoken", "/3/device/gonetoken"]));
    for (const s of seen) {
      expect(s.topic).toBe(config.passTypeId);
      expect(s.clientUid).toBe(config.passTypeId);
    }
    expect((await pushesOf(good.card.id))[0]).toMatchObject({ status: "sent" });
    expect((await pushesOf(gone.card.id))[0]).toMatchObject({ status: "failed" });
    expect(await db.walletRegistration.count({ where: { pushToken: "gonetoken" } })).toBe(0);
    expect(await db.walletRegistration.count({ where: { pushToken: "goodtoken" } })).toBe(1);
  });
});
