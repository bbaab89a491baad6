// The Apple Wallet pass of a card (.pkpass): a zip of pass.json, the images, manifest.json (the
// SHA-1 of every file) and `signature` — a detached PKCS #7 (DER) signature of manifest.json made
// with the pass certificate and key, carrying the WWDR intermediate (node-forge).
import { createHash } from "node:crypto";
import { zipSync } from "fflate";
import forge from "node-forge";
import { appUrl } from "@/lib/env";
import { translator } from "@/lib/i18n/translate";
import type { AppleWalletConfig } from "./config";
import type { MemberCard } from "./member-card";
import { badgePng } from "./png";
import { passAuthToken } from "./tokens";

export const PKPASS_CONTENT_TYPE = "application/vnd.apple.pkpass";

/** The base URL of the PassKit web service (APP_URL, never the request's host). */
export const walletServiceUrl = () => appUrl("/api/wallet");

function rgb(hex: string): string {
  const n = parseInt(/^#?([0-9a-f]{6})$/i.exec(hex)?.[1] ?? "0f766e", 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

/** pass.json of a card (a store card: balance in the header, name, status, QR of the card). */
export function passJson(config: AppleWalletConfig, card: MemberCard): Record<string, unknown> {
  const t = translator(card.locale);
  const barcode = { format: "PKBarcodeFormatQR", message: card.qrToken, messageEncoding: "iso-8859-1", altText: card.number };
  return {
    formatVersion: 1,
    passTypeIdentifier: config.passTypeId,
    teamIdentifier: config.teamId,
    serialNumber: card.cardId,
    authenticationToken: passAuthToken(card.cardId),
    webServiceURL: walletServiceUrl(),
    organizationName: card.programName,
    description: t("wallet.pass.description", { program: card.programName }),
    logoText: card.programName,
    backgroundColor: rgb(card.brandColor),
    foregroundColor: "rgb(255, 255, 255)",
    labelColor: "rgb(226, 232, 240)",
    barcodes: [barcode],
    barcode,
    storeCard: {
      headerFields: [{ key: "balance", label: t("wallet.pass.balance"), value: card.balance, numberStyle: "PKNumberStyleDecimal", changeMessage: t("wallet.pass.balanceChanged") }],
      primaryFields: [{ key: "name", label: t("wallet.pass.member"), value: card.name }],
      secondaryFields: [
        { key: "status", label: t("wallet.pass.status"), value: card.tierName, changeMessage: t("wallet.pass.statusChanged") },
        { key: "number", label: t("wallet.pass.number"), value: card.number },
      ],
      backFields: [{ key: "cabinet", label: t("wallet.pass.cabinet"), value: appUrl("/cabinet") }],
    },
  };
}

const sha1 = (data: Uint8Array) => createHash("sha1").update(data).digest("hex");

/** Detached PKCS #7 signature (DER) of `content`: signer = the pass certificate, chain = + WWDR. */
export function signManifest(config: AppleWalletConfig, content: Uint8Array, signingTime = new Date()): Buffer {
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(Buffer.from(content).toString("binary"));
  p7.addCertificate(config.certificate);
  p7.addCertificate(config.wwdr);
  p7.addSigner({
    key: config.key,
    certificate: config.certificate,
    digestAlgorithm: forge.pki.oids.sha256,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
      { type: forge.pki.oids.messageDigest },
      { type: forge.pki.oids.signingTime, value: signingTime as unknown as string },
    ],
  });
  p7.sign({ detached: true });
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), "binary");
}

/** The files of a pass before signing: pass.json and the images. */
export function passFiles(config: AppleWalletConfig, card: MemberCard): Record<string, Uint8Array> {
  return {
    "pass.json": Buffer.from(JSON.stringify(passJson(config, card), null, 2)),
    "icon.png": badgePng(29, 29, card.brandColor),
    "icon@2x.png": badgePng(58, 58, card.brandColor),
    "logo.png": badgePng(50, 50, card.brandColor),
    "logo@2x.png": badgePng(100, 100, card.brandColor),
  };
}

/** The signed .pkpass of a card. */
export function buildPkpass(config: AppleWalletConfig, card: MemberCard, now = new Date()): Uint8Array {
  const files = passFiles(config, card);
  const manifest = Buffer.from(JSON.stringify(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, sha1(data)])), null, 2));
  const mtime = card.lastUpdated.getTime() > 0 ? card.lastUpdated : now;
  return zipSync({ ...files, "manifest.json": manifest, signature: signManifest(config, manifest, now) }, { level: 6, mtime });
}
