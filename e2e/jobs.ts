// Runs a background job once against the e2e database, as `npm run job -- NAME [--at ISO]` would.
import { execFileSync } from "node:child_process";
import path from "node:path";

export function runJob(name: string, at?: string) {
  const args = [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/job.ts", name, ...(at ? ["--at", at] : [])];
  return execFileSync(process.execPath, args, {
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      APP_URL: process.env.E2E_BASE_URL,
      MESSAGES_TO_OUTBOX: "1",
      OUTBOX_FULL_BODIES: "1",
      AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret",
    },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** Now, or the next noon in Moscow when now is in the club's quiet hours (22:00–09:00): promotional messages wait for them. */
export function deliverAt() {
  const hour = Number(new Date().toLocaleString("en-GB", { timeZone: "Europe/Moscow", hour: "2-digit", hourCycle: "h23" }));
  if (hour >= 9 && hour < 22) return new Date().toISOString();
  const day = new Date(Date.now() + (hour >= 22 ? 86_400_000 : 0)).toLocaleDateString("en-CA", { timeZone: "Europe/Moscow" });
  return `${day}T12:00:00+03:00`;
}
