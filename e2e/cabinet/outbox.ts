// Reads what the app "sent" from the development outbox (OutboxMessage) of the e2e database.
import pg from "pg";

export async function query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set (run the specs through scripts/e2e.ts)");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The newest 6-digit code sent by SMS to `phone` after `since`, waiting for it to arrive. */
export async function smsCode(phone: string, since: Date, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const rows = await query<{ body: string }>(`select body from "OutboxMessage" where channel = 'sms' and "to" = $1 and "createdAt" >= $2 order by "createdAt" desc limit 1`, [phone, since]);
    const m = rows[0]?.body.match(/\b(\d{6})\b/);
    if (m) return m[1];
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no SMS code for ${phone}`);
}
