// Wallet tests run with the demo's own credentials, generated into a temporary folder once per
// file and named by the environment exactly as a deployment names its real ones.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { ensureVirtualCard } from "@/lib/customers/card";
import type { Db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { resetWalletConfigCache } from "@/lib/wallet/config";
import { ensureDemoWalletFiles, type WalletFiles } from "@/lib/wallet/demo-credentials";
import { makeClubProgram, makeFan } from "../cabinet-factories";

export const TEST_APP_URL = "https://tribune.example";

export function useWalletCredentials(): WalletFiles & { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "tribune-wallet-"));
  const files = ensureDemoWalletFiles(dir);
  const { googlePublicKeyFile: _pub, ...settings } = files;
  Object.assign(process.env, settings, { APP_URL: TEST_APP_URL });
  resetEnvCache();
  resetWalletConfigCache();
  return { ...files, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function makeCardHolder(db: Db, programId: string, points: number, name = "Anna") {
  const fan = await makeFan(db, programId, points);
  await db.customer.update({ where: { id: fan.id }, data: { firstName: name, lastName: "Petrova" } });
  const { card } = await ensureVirtualCard(db, { id: fan.id, programId });
  return { fan, card };
}

export function writeTemp(dir: string, name: string, data: Uint8Array | string) {
  const file = path.join(dir, name);
  writeFileSync(file, data);
  return file;
}

export const readText = (file: string) => readFileSync(file, "utf8");

/** One program and the credentials for a test file; the database client is closed after it. */
export function walletSuite(db: Db) {
  const suite = {} as { creds: ReturnType<typeof useWalletCredentials>; programId: string };
  beforeAll(async () => {
    suite.creds = useWalletCredentials();
    suite.programId = await makeClubProgram(db);
  });
  afterAll(async () => {
    suite.creds.cleanup();
    await db.$disconnect();
  });
  return suite;
}
