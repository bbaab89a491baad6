// The order of a message's statuses: provider events only ever move a message forward, so a late
// "delivered" never undoes an "opened", and nothing undoes a bounce or a complaint.
export type QueuedStatus = "queued" | "sending" | "sent" | "delivered" | "opened" | "clicked" | "bounced" | "complained" | "failed" | "suppressed";

export const STATUS_RANK: Record<QueuedStatus, number> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  opened: 4,
  clicked: 5,
  bounced: 6,
  complained: 7,
  failed: 8,
  suppressed: 8,
};

/** Statuses that a message of a lower rank may move to (the SQL of the webhook uses the same ranks). */
export function movesForward(from: QueuedStatus, to: QueuedStatus): boolean {
  return STATUS_RANK[to] > STATUS_RANK[from];
}
