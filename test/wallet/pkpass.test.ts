// The .pkpass of a card: a zip whose manifest hashes every file, signed (detached PKCS #7) with the
// configured pass certificate and chained to the configured WWDR certificate — checked by OpenSSL —
// and whose barcode is the member's card. The Google link: an RS256 JWT that verifies with the
// service account's public key and carries the same card.
import { execFileSync } from "node:child_process";
import { createHash, createVerify } from "node:crypto";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { appleWalletConfig, googleWalletConfig, walletsAvailable } from "@/lib/wallet/config";
import { GOOGLE_SAVE_URL, googleSaveUrl } from "@/lib/wallet/google";
import { memberCard } from "@/lib/wallet/member-card";
import { buildPkpass } from "@/lib/wallet/pkpass";
import { memberApplePass, memberGoogleSaveUrl } from "@/lib/wallet/member-wallets";
import { passAuthToken, tokenHash } from "@/lib/wallet/tokens";
import { testDb } from "../db";
import { makeCardHolder, readText, TEST_APP_URL, walletSuite, writeTemp } from "./setup";

const db = testDb();
const suite = walletSuite(db);

describe("Apple Wallet pass", () => {
  it("is a zip whose manifest hashes every file and whose signature verifies against the configured certificates", async () => {
    const { fan, card } = await makeCardHolder(db, suite.programId, 1234);
    const config = appleWalletConfig()!;
    expect(config).not.toBeNull();
    const data = (await memberCard(db, card.id))!;
    const files = unzipSync(buildPkpass(config, data));
    expect(Object.keys(files).sort()).toEqual(["icon.png", "icon@2x.png", "logo.png", "logo@2x.png", "manifest.json", "pass.json", "signature"]);

    const manifest = JSON.parse(Buffer.from(files["manifest.json"]).toString()) as Record<string, string>;
    expect(Object.keys(manifest).sort()).toEqual(
      Object.keys(files)
        .filter((n) => n !== "manifest.json" && n !== "signature")
        .sort(),
    );
    for (const [name, hash] of Object.entries(manifest)) expect(createHash("sha1").update(files[name]).digest("hex"), name).toBe(hash);
    for (const png of ["icon.png", "logo@2x.png"]) expect(Buffer.from(files[png]).subarray(1, 4).toString()).toBe("PNG");

    const sig = writeTemp(suite.creds.dir, "signature.der", files.signature);
    const content = writeTemp(suite.creds.dir, "manifest.json", files["manifest.json"]);
    const signer = `${suite.creds.dir}/signer.pem`;
    const verify = (contentFile: string) =>
      execFileSync(
        "openssl",
        ["smime", "-verify", "-binary", "-inform", "DER", "-in", sig, "-content", contentFile, "-CAfile", suite.creds.APPLE_WWDR_CERT_FILE, "-purpose", "any", "-signer", signer, "-out", "/dev/null"],
        { stdio: "pipe" },
      );
    verify(content);
    // The signer is the configured pass certificate.
    const pem = (f: string) => readText(f).replace(/\r/g, "").trim();
    expect(pem(signer)).toBe(pem(suite.creds.APPLE_PASS_CERT_FILE));
    // A manifest with one hash digit changed fails the check.
    const forged = writeTemp(
      suite.creds.dir,
      "forged.json",
      Buffer.from(files["manifest.json"])
        .toString()
        .replace(/: "([0-9a-f])/, (_m, c: string) => `: "${c === "0" ? "1" : "0"}`),
    );
    expect(() => verify(forged)).toThrow();

    const pass = JSON.parse(Buffer.from(files["pass.json"]).toString());
    expect(pass).toMatchObject({
      formatVersion: 1,
      passTypeIdentifier: config.passTypeId,
      teamIdentifier: config.teamId,
      serialNumber: card.id,
      webServiceURL: `${TEST_APP_URL}/api/wallet`,
      authenticationToken: passAuthToken(card.id),
      barcodes: [{ format: "PKBarcodeFormatQR", message: card.qrToken, altText: card.number }],
    });
    expect(pass.authenticationToken.length).toBeGreaterThanOrEqual(16);
    const fields = [...pass.storeCard.headerFields, ...pass.storeCard.primaryFields, ...pass.storeCard.secondaryFields];
    expect(fields.find((f: { key: string }) => f.key === "balance").value).toBe(1234);
    expect(fields.find((f: { key: string }) => f.key === "name").value).toBe("Anna Petrova");
    expect(fields.find((f: { key: string }) => f.key === "status").value).toBe(data.tierName);
    expect(data.customerId).toBe(fan.id);
  });

  it("is not built for a blocked card", async () => {
    const { card } = await makeCardHolder(db, suite.programId, 10);
    await db.card.update({ where: { id: card.id }, data: { status: "blocked" } });
    expect(await memberCard(db, card.id)).toBeNull();
  });
});

describe("the cabinet's wallet cards", () => {
  it("are the signed-in member's own card; the pass is recorded with only the hash of its token", async () => {
    const { fan, card } = await makeCardHolder(db, suite.programId, 5);
    const pass = (await memberApplePass(db, fan))!;
    expect(pass.cardId).toBe(card.id);
    const json = JSON.parse(Buffer.from(unzipSync(pass.pkpass)["pass.json"]).toString());
    expect(json.serialNumber).toBe(card.id);
    const row = await db.walletPass.findUniqueOrThrow({ where: { cardId: card.id } });
    expect(row.authTokenHash).toBe(tokenHash(json.authenticationToken));
    expect(row.authTokenHash).not.toContain(json.authenticationToken);
    // Twenty downloads at once: one row, no error.
    await Promise.all(Array.from({ length: 20 }, () => memberApplePass(db, fan)));
    expect(await db.walletPass.count({ where: { cardId: card.id } })).toBe(1);
    // A second download keeps the token the devices registered with.
    const again = JSON.parse(Buffer.from(unzipSync((await memberApplePass(db, fan))!.pkpass)["pass.json"]).toString());
    expect(again.authenticationToken).toBe(json.authenticationToken);
    const url = (await memberGoogleSaveUrl(db, fan))!;
    const claims = JSON.parse(Buffer.from(url.slice(GOOGLE_SAVE_URL.length).split(".")[1], "base64url").toString());
    expect(claims.payload.loyaltyObjects[0].barcode.value).toBe(card.qrToken);
  });
});

describe("Google Wallet link", () => {
  it("carries an RS256 JWT that verifies with the service account's public key and holds the member's card", async () => {
    const { card } = await makeCardHolder(db, suite.programId, 77, "Boris");
    const config = googleWalletConfig()!;
    const url = googleSaveUrl(config, (await memberCard(db, card.id))!);
    expect(url.startsWith(GOOGLE_SAVE_URL)).toBe(true);
    const jwt = url.slice(GOOGLE_SAVE_URL.length);
    const [h, p, s] = jwt.split(".");
    const publicKey = readText(suite.creds.googlePublicKeyFile);
    expect(createVerify("RSA-SHA256").update(`${h}.${p}`).verify(publicKey, Buffer.from(s, "base64url"))).toBe(true);
    // Another payload under the same signature does not verify.
    const other = Buffer.from(JSON.stringify({ aud: "google" })).toString("base64url");
    expect(createVerify("RSA-SHA256").update(`${h}.${other}`).verify(publicKey, Buffer.from(s, "base64url"))).toBe(false);

    expect(JSON.parse(Buffer.from(h, "base64url").toString())).toEqual({ alg: "RS256", typ: "JWT" });
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    expect(claims).toMatchObject({ iss: config.clientEmail, aud: "google", typ: "savetowallet", origins: [TEST_APP_URL] });
    const [object] = claims.payload.loyaltyObjects;
    expect(object).toMatchObject({
      id: `${config.issuerId}.${card.id}`,
      accountId: card.number,
      accountName: "Boris Petrova",
      barcode: { type: "QR_CODE", value: card.qrToken, alternateText: card.number },
      loyaltyPoints: { balance: { int: 77 } },
    });
    expect(object.textModulesData[0].body).toBeTruthy();
    expect(object.classId).toBe(claims.payload.loyaltyClasses[0].id);
  });

  it("both wallets are off when their settings are missing", () => {
    expect(walletsAvailable({ ...process.env, APPLE_PASS_CERT_FILE: undefined, GOOGLE_WALLET_KEY_FILE: undefined } as never)).toEqual({ apple: false, google: false });
    expect(walletsAvailable()).toEqual({ apple: true, google: true });
  });
});
