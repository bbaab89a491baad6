// The demo's own wallet credentials, generated once into a folder (TRIBUNE_DATA_DIR/wallet): a
// self-signed "WWDR" CA, a pass certificate it issued (UID = Pass Type ID, OU = Team ID, as Apple
// issues them) and a Google service-account key. The files are real — passes made with them
// verify offline against the demo CA — but no Apple device or Google server trusts them.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import forge from "node-forge";

export const DEMO_PASS_TYPE_ID = "pass.local.tribune.card";
export const DEMO_TEAM_ID = "TRIBUNEDEV";
export const DEMO_GOOGLE_ISSUER_ID = "3388000000022000000";

export interface WalletFiles {
  APPLE_PASS_TYPE_ID: string;
  APPLE_TEAM_ID: string;
  APPLE_PASS_CERT_FILE: string;
  APPLE_PASS_KEY_FILE: string;
  APPLE_WWDR_CERT_FILE: string;
  GOOGLE_WALLET_ISSUER_ID: string;
  GOOGLE_WALLET_KEY_FILE: string;
  /** The Google key's public half, for checking the links offline. */
  googlePublicKeyFile: string;
}

function serial(): string {
  // A positive serial: the first hex digit below 8.
  return `0${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
}

function certificate(
  subject: forge.pki.CertificateField[],
  issuer: forge.pki.CertificateField[],
  publicKey: forge.pki.PublicKey,
  signer: forge.pki.rsa.PrivateKey,
  extensions: object[],
  years: number,
) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 86400_000);
  cert.validity.notAfter = new Date(Date.now() + years * 365 * 86400_000);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  cert.setExtensions(extensions);
  cert.sign(signer, forge.md.sha256.create());
  return cert;
}

/** Writes the demo credentials into `dir` unless they are there already; returns the settings naming them. */
export function ensureDemoWalletFiles(dir: string, opts: { bits?: number } = {}): WalletFiles {
  const bits = opts.bits ?? 2048;
  const f = (name: string) => path.resolve(dir, name);
  const files: WalletFiles = {
    APPLE_PASS_TYPE_ID: DEMO_PASS_TYPE_ID,
    APPLE_TEAM_ID: DEMO_TEAM_ID,
    APPLE_PASS_CERT_FILE: f("pass-certificate.pem"),
    APPLE_PASS_KEY_FILE: f("pass-key.pem"),
    APPLE_WWDR_CERT_FILE: f("wwdr.pem"),
    GOOGLE_WALLET_ISSUER_ID: DEMO_GOOGLE_ISSUER_ID,
    GOOGLE_WALLET_KEY_FILE: f("google-service-account.json"),
    googlePublicKeyFile: f("google-public-key.pem"),
  };
  if ([files.APPLE_PASS_CERT_FILE, files.APPLE_PASS_KEY_FILE, files.APPLE_WWDR_CERT_FILE, files.GOOGLE_WALLET_KEY_FILE].every((p) => existsSync(p))) return files;
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  const caKeys = forge.pki.rsa.generateKeyPair({ bits });
  const caName = [
    { name: "commonName", value: "Tribune Demo Worldwide Developer Relations CA" },
    { name: "organizationalUnitName", value: "G4" },
    { name: "organizationName", value: "Tribune Demo (not Apple)" },
    { name: "countryName", value: "US" },
  ];
  const ca = certificate(
    caName,
    caName,
    caKeys.publicKey,
    caKeys.privateKey,
    [{ name: "basicConstraints", cA: true, critical: true }, { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true }, { name: "subjectKeyIdentifier" }],
    10,
  );

  const passKeys = forge.pki.rsa.generateKeyPair({ bits });
  const pass = certificate(
    [
      { type: "0.9.2342.19200300.100.1.1", value: DEMO_PASS_TYPE_ID },
      { name: "commonName", value: `Pass Type ID: ${DEMO_PASS_TYPE_ID}` },
      { name: "organizationalUnitName", value: DEMO_TEAM_ID },
      { name: "organizationName", value: "Tribune Demo" },
      { name: "countryName", value: "US" },
    ],
    caName,
    passKeys.publicKey,
    caKeys.privateKey,
    [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, critical: true },
      { name: "extKeyUsage", clientAuth: true, emailProtection: true },
    ],
    1,
  );

  const googleKeys = forge.pki.rsa.generateKeyPair({ bits });
  const googlePkcs8 = forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(googleKeys.privateKey)));

  writeFileSync(files.APPLE_WWDR_CERT_FILE, forge.pki.certificateToPem(ca));
  writeFileSync(f("wwdr-key.pem"), forge.pki.privateKeyToPem(caKeys.privateKey), { mode: 0o600 });
  writeFileSync(files.APPLE_PASS_CERT_FILE, forge.pki.certificateToPem(pass));
  writeFileSync(files.APPLE_PASS_KEY_FILE, forge.pki.privateKeyToPem(passKeys.privateKey), { mode: 0o600 });
  writeFileSync(files.googlePublicKeyFile, forge.pki.publicKeyToPem(googleKeys.publicKey));
  writeFileSync(
    files.GOOGLE_WALLET_KEY_FILE,
    JSON.stringify(
      {
        type: "service_account",
        project_id: "tribune-demo",
        private_key_id: forge.util.bytesToHex(forge.random.getBytesSync(20)),
        private_key: googlePkcs8,
        client_email: "tribune-demo-wallet@tribune-demo.iam.gserviceaccount.com",
      },
      null,
      2,
    ),
    { mode: 0o600 },
  );
  return files;
}
