// "Save to Google Wallet": https://pay.google.com/gp/v/save/<JWT>, the JWT (RS256, signed with the
// service account's key) carrying the member's loyalty class and object — barcode, name, status,
// balance — so Google creates the card from the link itself.
import { createSign } from "node:crypto";
import { appUrl } from "@/lib/env";
import { translator } from "@/lib/i18n/translate";
import type { GoogleWalletConfig } from "./config";
import type { MemberCard } from "./member-card";

export const GOOGLE_SAVE_URL = "https://pay.google.com/gp/v/save/";

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/** Google object ids allow [\w.-] after "<issuerId>.". */
const idPart = (s: string) => s.replace(/[^\w.-]/g, "_");

export function loyaltyPayload(config: GoogleWalletConfig, card: MemberCard) {
  const t = translator(card.locale);
  const classId = `${config.issuerId}.${idPart(card.programId)}`;
  return {
    loyaltyClasses: [
      {
        id: classId,
        issuerName: card.programName,
        programName: card.programName,
        reviewStatus: "UNDER_REVIEW",
        hexBackgroundColor: card.brandColor,
        programLogo: { sourceUri: { uri: appUrl("/wallet-logo.png") } },
      },
    ],
    loyaltyObjects: [
      {
        id: `${config.issuerId}.${idPart(card.cardId)}`,
        classId,
        state: "ACTIVE",
        accountId: card.number,
        accountName: card.name,
        barcode: { type: "QR_CODE", value: card.qrToken, alternateText: card.number },
        loyaltyPoints: { label: t("wallet.pass.balance"), balance: { int: card.balance } },
        textModulesData: [{ id: "status", header: t("wallet.pass.status"), body: card.tierName }],
      },
    ],
  };
}

/** The signed JWT of a card (RS256). */
export function googleWalletJwt(config: GoogleWalletConfig, card: MemberCard, now = new Date()): string {
  const header = { alg: "RS256", typ: "JWT" };
  const claims = {
    iss: config.clientEmail,
    aud: "google",
    typ: "savetowallet",
    iat: Math.floor(now.getTime() / 1000),
    origins: [new URL(appUrl()).origin],
    payload: loyaltyPayload(config, card),
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = createSign("RSA-SHA256").update(input).sign(config.privateKey);
  return `${input}.${b64url(signature)}`;
}

export const googleSaveUrl = (config: GoogleWalletConfig, card: MemberCard, now = new Date()) => GOOGLE_SAVE_URL + googleWalletJwt(config, card, now);
