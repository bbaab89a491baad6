// Every background job: its name, its schedule and what it runs. Each is idempotent and safe
// to run twice or concurrently (all ledger work takes the account lock).
import type { Db } from "@/lib/db/client";
import { runActivateLots } from "./activate-lots";
import { runExpireGiftCards } from "./expire-gift-cards";
import { runExpireLots } from "./expire-lots";
import { runLedgerPartitions } from "./ledger-partitions";
import { runVisitPartitions } from "./visit-partitions";
import { runPurchasePartitions } from "./purchase-partitions";
import { runOidcHousekeeping } from "./oidc-housekeeping";
import { runPurgeIdempotencyKeys } from "./purge-idempotency-keys";
import { runPurgeMessages } from "./purge-messages";
import { runRolloverPeriods } from "./rollover-periods";
import { runVoidExpiredHolds } from "./void-expired-holds";
import { runWalletPush } from "@/lib/wallet/push";
import { runSendSurveys } from "@/lib/surveys/send-surveys";
import { runDailyReviewReport } from "@/lib/surveys/daily-report";
import { runDeliverMessages } from "@/lib/communications/deliver";
import { databaseUrl } from "@/lib/db/url";
import { defaultWorkers } from "@/lib/simulation/run";
import { runQueuedSimulations } from "@/lib/simulation/store";
import { runQueuedImports } from "@/lib/import/console";
import { runMessageTriggers } from "@/lib/communications/triggers-job";
import { runSendCampaigns } from "@/lib/campaigns/send";

export interface JobDef {
  name: string;
  /** Cron (UTC) for the worker's schedule. */
  cron: string;
  description: string;
  run(db: Db, now: Date): Promise<Record<string, number>>;
}

const jobs: JobDef[] = [
  { name: "expire-lots", cron: "*/15 * * * *", description: "expire points past their expiry date", run: runExpireLots },
  { name: "activate-lots", cron: "*/5 * * * *", description: "make pending points spendable on their date", run: runActivateLots },
  // Periods end at local midnight in the program's time zone: hourly catches every zone (and
  // pricing brings a stale status up to date on its own meanwhile).
  { name: "rollover-periods", cron: "5 * * * *", description: "recompute statuses when a qualification period ends", run: runRolloverPeriods },
  { name: "void-expired-holds", cron: "* * * * *", description: "void held receipts whose hold TTL has passed", run: runVoidExpiredHolds },
  { name: "expire-gift-cards", cron: "23 * * * *", description: "write off what is left on gift certificates past their expiry", run: runExpireGiftCards },
  { name: "purge-idempotency-keys", cron: "17 3 * * *", description: "remove POS idempotency keys older than 7 days", run: runPurgeIdempotencyKeys },
  { name: "oidc-housekeeping", cron: "41 3 * * *", description: "delete expired sign-in artifacts of the identity centre, rotate its signing key when due", run: runOidcHousekeeping },
  { name: "wallet-push", cron: "* * * * *", description: "queue and send Apple Wallet update pushes for passes whose balance or status changed", run: runWalletPush },
  { name: "send-surveys", cron: "*/10 * * * *", description: "email the NPS survey for visits validated at least afterHours ago, once per visit", run: (db, now) => runSendSurveys(db, now) },
  // Each program's report time is local: every 15 minutes catches any zone and minute; one report per day.
  { name: "daily-review-report", cron: "*/15 * * * *", description: "email yesterday's survey reviews to the program's staff, once a day", run: (db, now) => runDailyReviewReport(db, now) },
  {
    name: "deliver-messages",
    cron: "* * * * *",
    description: "send queued emails and SMS through the gates (consent, suppression, holdout, quiet hours, marketing cap), retrying with backoff",
    run: (db, now) => runDeliverMessages(db, now),
  },
  // The console's legacy imports: each minute, and at once when the in-process worker is nudged (lib/jobs/in-process.ts).
  { name: "legacy-imports", cron: "* * * * *", description: "run the dry runs and imports of legacy CSV files uploaded in the console", run: (db, now) => runQueuedImports(db, now) },
  // The program editor's what-if replays (lib/simulation): each minute, and at once when nudged.
  {
    name: "program-simulations",
    cron: "* * * * *",
    description: "replay queued draft program versions over recent receipts and visits (never touching the ledger)",
    run: (db, now) => runQueuedSimulations(db, now, { databaseUrl: databaseUrl(), workers: defaultWorkers() }),
  },
  // Daily, mid-morning in Moscow; dedupe keys make a second run (or another zone's) harmless.
  { name: "message-triggers", cron: "15 6 * * *", description: "queue birthday, expiring-points and lapsed-member messages of the switched-on triggers", run: runMessageTriggers },
  { name: "send-campaigns", cron: "* * * * *", description: "start scheduled campaigns and queue their messages to the segment in batches, once per member", run: runSendCampaigns },
  {
    name: "ledger-partitions",
    cron: "53 2 * * *",
    description: "create the ledger's monthly partitions ahead and take months past the retention offline once nothing open needs them",
    run: runLedgerPartitions,
  },
  {
    name: "visit-partitions",
    cron: "57 2 * * *",
    description: "create the visits' monthly partitions ahead and take months past the retention offline (their keys stay)",
    run: runVisitPartitions,
  },
  {
    name: "purchase-partitions",
    cron: "59 2 * * *",
    description: "create the receipts' monthly partitions ahead and take months past the retention offline once the ledger and every open hold, lot and return let them go (their keys stay)",
    run: runPurchasePartitions,
  },
  { name: "purge-messages", cron: "37 3 * * *", description: "remove expired one-time codes, link tokens, rate counters and old outbox messages", run: runPurgeMessages },
];

export function registerJob(job: JobDef) {
  if (!jobs.some((j) => j.name === job.name)) jobs.push(job);
}

export function allJobs(): readonly JobDef[] {
  return jobs;
}

export function findJob(name: string): JobDef | undefined {
  return jobs.find((j) => j.name === name);
}
