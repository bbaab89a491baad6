// Survey link tokens: an HMAC of the invitation id keyed by AUTH_SECRET (256 bits, unguessable),
// so the queued message keeps only the invitation id and the database only the token's SHA-256.
import { sha256Hex } from "@/lib/hash";
import { secretHash } from "@/lib/messaging/limits";

/** How long a survey link works after the email. */
export const SURVEY_LINK_DAYS = 30;

export const surveyToken = (invitationId: string) => secretHash("survey-link", invitationId);

/** What a survey token looks like (64 hex digits). */
export const SURVEY_TOKEN_PATTERN = /^[0-9a-f]{64}$/;

/** The stored hash of a token from a link, or null when it cannot be one of ours. */
export function surveyTokenHash(token: string): string | null {
  return SURVEY_TOKEN_PATTERN.test(token) ? sha256Hex(token) : null;
}
