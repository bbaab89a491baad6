// The registration SMS a till sends links to the card page and its wallet buttons (from APP_URL)
// when a wallet is configured, and keeps the plain text when none is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetWalletConfigCache } from "@/lib/wallet/config";
import { testDb } from "../db";
import { newPhone, post, setupProgram, useTestDatabase, type TestProgram } from "../pos/harness";
import { TEST_APP_URL, useWalletCredentials } from "./setup";

const db = testDb();
let creds: ReturnType<typeof useWalletCredentials>;
let club: TestProgram;

beforeAll(async () => {
  useTestDatabase();
  creds = useWalletCredentials();
  club = await setupProgram("football-club");
});
afterAll(async () => {
  creds.cleanup();
  await db.$disconnect();
});

async function registrationSms() {
  const phone = newPhone();
  const key = Object.values(club.keys)[0];
  const reg = await post("/customers", key, { phone, firstName: "Anna" });
  expect(reg.status).toBe(201);
  return (await db.outboxMessage.findFirstOrThrow({ where: { to: phone, channel: "sms" } })).body;
}

describe("registration SMS", () => {
  it("links to the card page on APP_URL when a wallet is configured", async () => {
    const body = await registrationSms();
    expect(body).toMatch(/\b\d{6}\b/);
    expect(body).toContain(`${TEST_APP_URL}/cabinet/card`);
  });

  it("has no wallet link without wallet settings", async () => {
    const saved = { a: process.env.APPLE_PASS_CERT_FILE, g: process.env.GOOGLE_WALLET_KEY_FILE };
    delete process.env.APPLE_PASS_CERT_FILE;
    delete process.env.GOOGLE_WALLET_KEY_FILE;
    resetEnvCache();
    resetWalletConfigCache();
    try {
      const body = await registrationSms();
      expect(body).toMatch(/\b\d{6}\b/);
      expect(body).not.toContain("/cabinet/card");
    } finally {
      Object.assign(process.env, { APPLE_PASS_CERT_FILE: saved.a, GOOGLE_WALLET_KEY_FILE: saved.g });
      resetEnvCache();
    }
  });
});
