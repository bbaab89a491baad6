// The points ledger: accounts, append-only entries, lots, holds. Every function expects the
// customer's accounts locked by lockAccounts() in the caller's transaction.
export { lockAccounts, ensureAccounts } from "./lock-accounts";
export { postEntry } from "./post-entry";
export { accrue, activateLot, planAccrual, appliedAccruals, type Activation, type AccrueInput, type PlannedAccrual } from "./accrue";
export { spend, hold, captureHold, releaseHold, type LotScope } from "./spend";
export { expireDueLots } from "./expire";
export { refundPoints, reclaimPoints } from "./reverse";
export type { Balances, LockedAccount, Tx, AccountKind } from "./types";
export { adjustPoints, type AdjustInput, type AdjustResult } from "./adjust";
