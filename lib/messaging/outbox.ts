// What the outbox (OutboxMessage) and the log may keep of a message: in production the codes and
// link tokens a message carries are replaced by ••• (OUTBOX_FULL_BODIES=1 keeps them, for the
// e2e suite and the demo that read codes there).
import { outboxFullBodies } from "@/lib/env";

export const REDACTED = "•••";

/** `text` with every secret replaced by •••, unless full bodies are kept. */
export function outboxText(text: string, secrets: readonly string[] | undefined): string {
  if (!secrets?.length || outboxFullBodies()) return text;
  return secrets.filter((s) => s.length > 0).reduce((t, s) => t.split(s).join(REDACTED), text);
}
