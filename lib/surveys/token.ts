// Survey link tokens: 256 random bits in the link, only their SHA-256 in the database.
import { randomBytes } from "node:crypto";
import { sha256Hex } from "@/lib/hash";

/** How long a survey link works after the email. */
export const SURVEY_LINK_DAYS = 30;

export function newSurveyToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: sha256Hex(token) };
}

/** The stored hash of a token from a link, or null when it cannot be one of ours. */
export function surveyTokenHash(token: string): string | null {
  return /^[A-Za-z0-9_-]{43}$/.test(token) ? sha256Hex(token) : null;
}
