// The time of a receipt, return or visit: the till's `at`, never in the future (clock skew allowed).
import { AppError } from "@/lib/errors";

/** A receipt may not be dated in the future (clock skew of a till allowed). */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export function receiptTime(at: string | undefined, now: Date, path = "receipt.at"): Date {
  if (!at) return now;
  const d = new Date(at);
  if (d.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw new AppError("invalid_request", "The time is in the future", { details: [{ path, message: "not after now" }] });
  }
  return d;
}
