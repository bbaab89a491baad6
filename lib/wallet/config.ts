// Wallet configuration: the Apple pass certificate, key and WWDR intermediate, and the Google
// service account, read from the files lib/env.ts names. A wallet whose settings are missing is
// off (its button is hidden); a configured one whose files do not load fails loudly.
import { readFileSync } from "node:fs";
import forge from "node-forge";
import { env, type Env } from "@/lib/env";

export interface AppleWalletConfig {
  passTypeId: string;
  teamId: string;
  certificate: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  wwdr: forge.pki.Certificate;
  /** PEM texts, for the APNs client (TLS client certificate). */
  certificatePem: string;
  keyPem: string;
}

export interface GoogleWalletConfig {
  issuerId: string;
  clientEmail: string;
  /** PKCS #8 PEM of the service account's RSA key. */
  privateKey: string;
}

const cache = new Map<string, unknown>();

function memo<T>(key: string, load: () => T): T {
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key) as T;
}

/** The Apple Wallet settings, or null when any of them is missing. */
export function appleWalletConfig(e: Env = env()): AppleWalletConfig | null {
  const { APPLE_PASS_TYPE_ID: passTypeId, APPLE_TEAM_ID: teamId, APPLE_PASS_CERT_FILE: certFile, APPLE_PASS_KEY_FILE: keyFile, APPLE_WWDR_CERT_FILE: wwdrFile } = e;
  if (!passTypeId || !teamId || !certFile || !keyFile || !wwdrFile) return null;
  return memo(`apple:${passTypeId}:${teamId}:${certFile}:${keyFile}:${wwdrFile}`, () => {
    const certificatePem = readFileSync(certFile, "utf8");
    const keyText = readFileSync(keyFile, "utf8");
    const key = e.APPLE_PASS_KEY_PASSPHRASE ? forge.pki.decryptRsaPrivateKey(keyText, e.APPLE_PASS_KEY_PASSPHRASE) : forge.pki.privateKeyFromPem(keyText);
    if (!key) throw new Error(`APPLE_PASS_KEY_FILE: ${keyFile} cannot be decrypted with APPLE_PASS_KEY_PASSPHRASE`);
    return {
      passTypeId,
      teamId,
      certificate: forge.pki.certificateFromPem(certificatePem),
      key: key as forge.pki.rsa.PrivateKey,
      wwdr: forge.pki.certificateFromPem(readFileSync(wwdrFile, "utf8")),
      certificatePem,
      keyPem: forge.pki.privateKeyToPem(key),
    };
  });
}

/** The Google Wallet settings, or null when any of them is missing. */
export function googleWalletConfig(e: Env = env()): GoogleWalletConfig | null {
  const { GOOGLE_WALLET_ISSUER_ID: issuerId, GOOGLE_WALLET_KEY_FILE: keyFile } = e;
  if (!issuerId || !keyFile) return null;
  return memo(`google:${issuerId}:${keyFile}`, () => {
    const json = JSON.parse(readFileSync(keyFile, "utf8")) as { client_email?: unknown; private_key?: unknown };
    if (typeof json.client_email !== "string" || typeof json.private_key !== "string") {
      throw new Error(`GOOGLE_WALLET_KEY_FILE: ${keyFile} is not a service account key (client_email, private_key)`);
    }
    return { issuerId, clientEmail: json.client_email, privateKey: json.private_key };
  });
}

function loads(name: string, load: () => unknown): boolean {
  try {
    return load() !== null;
  } catch (err) {
    console.error(`[wallet] ${name} is configured but does not load: ${(err as Error).message}`);
    return false;
  }
}

/**
 * Which wallets the cabinet offers (and the registration SMS links to). A wallet whose files do
 * not load is reported in the log and left out, so it never breaks a page or a registration.
 */
export function walletsAvailable(e: Env = env()) {
  return { apple: loads("Apple Wallet", () => appleWalletConfig(e)), google: loads("Google Wallet", () => googleWalletConfig(e)) };
}

/** Tests that switch configurations call this. */
export function resetWalletConfigCache() {
  cache.clear();
}
