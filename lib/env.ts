// The only place that reads process.env: every setting, its default, validated once.
import { z } from "zod";

/** Monthly partitions kept created this many months ahead (the ledger's, the visits' and the receipts'). */
const partitionsAhead = () => z.coerce.number().int().min(1).max(36).default(12);
/** Whole months kept online before a month may go offline: 0 keeps everything; otherwise at least 13. */
const retentionMonths = () =>
  z.coerce
    .number()
    .int()
    .refine((n) => n === 0 || n >= 13, "0 (keep everything) or at least 13")
    .default(36);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** A real PostgreSQL server. Unset: the embedded server in TRIBUNE_DATA_DIR/postgres. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * A streaming replica of DATABASE_URL for the console's and the partner portal's analytics reads
   * (dashboards, reports, segment counts): they read what the replica has replayed, seconds behind
   * (docs/scaling.md). Unset: those reads go to the primary.
   */
  DATABASE_REPLICA_URL: z
    .string()
    .url()
    .regex(/^postgres(ql)?:\/\//, "a postgresql:// URL")
    .optional(),
  /** Where the embedded PostgreSQL keeps its data. */
  TRIBUNE_DATA_DIR: z.string().default(".data"),
  /**
   * The embedded PostgreSQL's buffer cache (`shared_buffers`): "2GB", "512MB", or "auto" (a quarter
   * of the machine's memory, 128 MB–8 GB). Unset: PostgreSQL's 128 MB (lib/db/embedded.ts `sharedBuffers`).
   */
  TRIBUNE_PG_SHARED_BUFFERS: z
    .string()
    .regex(/^([1-9][0-9]*(MB|GB)|auto)$/, 'a size in MB or GB, such as "512MB" or "2GB", or "auto"')
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Public URL of the app: the only base of links in emails and SMS; required in production. */
  APP_URL: z.string().url().optional(),
  /** Secret that signs sessions and keys the hashes of one-time codes; required in production. */
  AUTH_SECRET: z.string().min(16).optional(),
  /** Resend API key: when unset, emails go to the outbox and the log (only with MESSAGES_TO_OUTBOX=1). */
  RESEND_API_KEY: z.string().optional(),
  EMAIL_FROM: z.string().default("Tribune <no-reply@tribune.local>"),
  /** Signing secret of Resend's webhooks ("whsec_…", Svix): delivery, open, click, bounce and complaint events. */
  RESEND_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]+$/, "whsec_ followed by base64")
    .optional(),
  /** HTTP SMS provider: when unset, SMS go to the outbox and the log (only with MESSAGES_TO_OUTBOX=1). */
  SMS_PROVIDER_URL: z.string().url().optional(),
  SMS_PROVIDER_TOKEN: z.string().optional(),
  SMS_SENDER: z.string().default("Tribune"),
  /** Shared secret the SMS provider sends as a bearer token with its delivery reports (/api/webhooks/sms). */
  SMS_WEBHOOK_SECRET: z.string().min(16, "at least 16 characters").optional(),
  /**
   * "1": SMS and emails without a configured provider are written to the outbox and the log
   * instead of being sent. Default: on outside production, off in production (a send without a
   * provider then fails loudly, and the server refuses to start).
   */
  MESSAGES_TO_OUTBOX: z.enum(["0", "1"]).optional(),
  /**
   * "1": the outbox keeps full message bodies (the e2e suite and the demo read codes there).
   * Default: on outside production; in production codes and link tokens are replaced by •••.
   */
  OUTBOX_FULL_BODIES: z.enum(["0", "1"]).optional(),
  /** Days the outbox keeps sent messages (the retention job removes older rows). */
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  /** One-time codes one client address may request per hour (the cabinet's public forms). */
  CODES_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** Connections in the app's database pool (console, cabinet, partner portal, jobs). */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(20),
  /**
   * Connections in the processing API's pool. Default: twice the machine's CPUs, at least 4
   * (lib/db/pool.ts `defaultPosPoolMax`) — more connections than PostgreSQL has cores to run them
   * only add contention: on 2 cores with the embedded server, 4 instead of 16 took confirm's
   * PostgreSQL CPU from 5.6 to 4.5 ms and its p99 at 200 req/s from 3.1 s to 0.68 s
   * (docs/benchmarks.md, "The POS pool"). Set it to about twice the database's cores when the
   * database has a machine of its own.
   */
  POS_POOL_MAX: z.coerce.number().int().min(1).max(500).optional(),
  /** Milliseconds to wait for a pool connection before failing fast. */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  /** Longest statement of the console, cabinet and jobs (PostgreSQL statement_timeout). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** Longest wait for a row lock outside the processing API (lock_timeout); 0 = no limit (jobs queue on locks by design). */
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).default(0),
  /** A transaction idle this long is ended by the server (idle_in_transaction_session_timeout). */
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000),
  /** Longest statement of the processing API: a till gets a fast 503 instead of waiting. */
  POS_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** Longest wait of the processing API for a row lock (a customer busy in another receipt). */
  POS_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).default(3_000),
  /**
   * "0": every statement of a POS transaction in its own round trip, `begin` and `commit` apart
   * (lib/db/raw-pool.ts) — the switch for an A/B of the combined strings in one build.
   */
  POS_COMBINED_ROUND_TRIPS: z.enum(["0", "1"]).default("1"),
  /**
   * "0": every request reads its terminal key in a round trip of its own before its transaction,
   * instead of checking the key this process saw last inside it (lib/pos/terminal-auth.ts
   * `rememberedTill`) — the switch for an A/B in one build.
   */
  POS_REMEMBER_TERMINALS: z.enum(["0", "1"]).default("1"),
  /**
   * "0": a member's committed receipt is written with PostgreSQL's default plan choice instead of
   * `set local plan_cache_mode = force_generic_plan` (lib/purchases/write-receipt.ts
   * `GENERIC_PLANS`) — the switch for an A/B in one build.
   */
  POS_GENERIC_WRITE: z.enum(["0", "1"]).default("1"),
  /**
   * "0": the member's one write may plan sequential scans (without `set local enable_seqscan = off`,
   * lib/purchases/write-receipt.ts `genericPlansForWrite`) — the switch for an A/B in one build.
   */
  POS_WRITE_INDEX_SCANS: z.enum(["0", "1"]).default("1"),
  /** Connections for the console's heavy reads (segment counts, previews, CSV exports). */
  ANALYTICS_POOL_MAX: z.coerce.number().int().min(1).max(50).default(3),
  /** Longest statement of those heavy reads (a segment count gives up with "try narrower conditions"). */
  ANALYTICS_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  /** CSV exports that may run at once in the whole deployment (more get 429 with Retry-After). */
  EXPORTS_MAX_CONCURRENT: z.coerce.number().int().min(1).max(20).default(2),
  /** Customer lookups one POS key may make per window (more get 429 with Retry-After). */
  POS_LOOKUP_LIMIT: z.coerce.number().int().min(1).max(100_000).default(120),
  /** Length of the lookup rate-limit window, in seconds. */
  POS_LOOKUP_WINDOW_S: z.coerce.number().int().min(1).max(3600).default(60),
  /** Code of the program this deployment serves (landing, cabinet). Unset: the first program. */
  TRIBUNE_PROGRAM: z.string().optional(),
  /**
   * Apple Wallet passes (all five set, or the "Add to Apple Wallet" button is hidden): the Pass
   * Type ID and Team ID of the Apple developer account, the pass certificate and its private key
   * (PEM files), and Apple's WWDR intermediate certificate (PEM). `npm run demo` generates a
   * self-signed set into TRIBUNE_DATA_DIR/wallet on its first run.
   */
  APPLE_PASS_TYPE_ID: z
    .string()
    .regex(/^pass\.[A-Za-z0-9.-]+$/, "pass.<reverse-dns>")
    .optional(),
  APPLE_TEAM_ID: z.string().min(1).optional(),
  APPLE_PASS_CERT_FILE: z.string().min(1).optional(),
  APPLE_PASS_KEY_FILE: z.string().min(1).optional(),
  /** Passphrase of APPLE_PASS_KEY_FILE when it is encrypted. */
  APPLE_PASS_KEY_PASSPHRASE: z.string().optional(),
  APPLE_WWDR_CERT_FILE: z.string().min(1).optional(),
  /**
   * "1": pass updates are pushed to Apple (APNs over HTTP/2 with the pass certificate). Otherwise
   * the pushes are recorded in the outbox (channel push) — only where MESSAGES_TO_OUTBOX allows it.
   */
  APPLE_APNS: z.enum(["0", "1"]).default("0"),
  /** APNs host (api.push.apple.com; api.sandbox.push.apple.com for development devices). */
  APPLE_APNS_HOST: z.string().default("api.push.apple.com"),
  /**
   * Google Wallet (both set, or the "Save to Google Wallet" button is hidden): the issuer id of
   * the Google Pay & Wallet console and the service account's JSON key file (client_email,
   * private_key) that signs the "Save" links.
   */
  GOOGLE_WALLET_ISSUER_ID: z.string().regex(/^\d+$/, "digits").optional(),
  GOOGLE_WALLET_KEY_FILE: z.string().min(1).optional(),
  /**
   * Ledger partitions (lib/ledger/retention.ts, job "ledger-partitions", docs/scaling.md): monthly
   * partitions of LedgerEntry kept created this many months ahead.
   */
  LEDGER_PARTITIONS_AHEAD: partitionsAhead(),
  /**
   * Months of ledger entries kept online: older months are taken offline (a carried-forward entry per
   * account keeps every balance equal to its entries) once nothing open still needs them. 0 keeps
   * everything; otherwise at least 13 (a year of reports and its comparison month).
   */
  LEDGER_RETENTION_MONTHS: retentionMonths(),
  /** What happens to a month taken offline: "schema" moves its table to the ledger_archive schema, "drop" deletes it. */
  LEDGER_ARCHIVE: z.enum(["schema", "drop"]).default("schema"),
  /**
   * Visit partitions (lib/purchases/visit-retention.ts, job "visit-partitions", docs/scaling.md):
   * monthly partitions of Visit kept created this many months ahead.
   */
  VISIT_PARTITIONS_AHEAD: partitionsAhead(),
  /**
   * Months of visits kept online: older months are detached (their counts stay in the segments'
   * activity summary, their keys in VisitKey). 0 keeps everything; otherwise at least 13, so every
   * segment window of 365 days stays online.
   */
  VISIT_RETENTION_MONTHS: retentionMonths(),
  /** What happens to a month of visits taken offline: "schema" moves its table to the visit_archive schema, "drop" deletes it. */
  VISIT_ARCHIVE: z.enum(["schema", "drop"]).default("schema"),
  /**
   * Receipt partitions (lib/purchases/purchase-retention.ts, job "purchase-partitions",
   * docs/scaling.md): monthly partitions of Purchase and PurchaseLine kept created this many months ahead.
   */
  PURCHASE_PARTITIONS_AHEAD: partitionsAhead(),
  /**
   * Months of receipts (with their lines and returns) kept online: an older month is taken offline
   * once the ledger's retention took its entries and no open hold, lot with points or recent return
   * needs it (their counts stay in the segments' activity summary, their numbers in ReceiptKey).
   * 0 keeps everything; otherwise at least 13, so every segment window of 365 days stays online.
   */
  PURCHASE_RETENTION_MONTHS: retentionMonths(),
  /** What happens to a month of receipts taken offline: "schema" moves its tables to the purchase_archive schema, "drop" deletes them. */
  PURCHASE_ARCHIVE: z.enum(["schema", "drop"]).default("schema"),
  /** Worker threads of a what-if replay (lib/simulation/run.ts); unset: one per core. */
  TRIBUNE_SIMULATION_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** Run the background jobs in the web process (the demo does). */
  TRIBUNE_INPROCESS_WORKER: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
      throw new Error(`Invalid environment:\n${lines}`);
    }
    cached = parsed.data;
  }
  return cached;
}

const DEV_APP_URL = "http://localhost:3000";

/**
 * An absolute link into the app for emails and SMS, built from APP_URL only — never from the
 * request's Host or X-Forwarded-* headers (a forged header must not put its host in a real email).
 * Outside production an unset APP_URL means http://localhost:3000; production refuses to start
 * without it (checkProductionEnv).
 */
export function appUrl(path = ""): string {
  const e = env();
  const base = e.APP_URL ?? (e.NODE_ENV === "production" ? undefined : DEV_APP_URL);
  if (!base) throw new Error("APP_URL is not set: links in emails and SMS cannot be built");
  if (path && !path.startsWith("/")) throw new Error(`appUrl: "${path}" must start with "/"`);
  return `${base.replace(/\/$/, "")}${path}`;
}

const devDefault = (value: "0" | "1" | undefined, e: Env) => (value ?? (e.NODE_ENV === "production" ? "0" : "1")) === "1";

/** Whether messages without a configured provider may go to the outbox and the log (see MESSAGES_TO_OUTBOX). */
export const messagesToOutbox = (e: Env = env()) => devDefault(e.MESSAGES_TO_OUTBOX, e);

/** Whether the outbox keeps codes and tokens in full (see OUTBOX_FULL_BODIES). */
export const outboxFullBodies = (e: Env = env()) => devDefault(e.OUTBOX_FULL_BODIES, e);

/**
 * The settings production cannot run without; each problem is one line. Called when a server or
 * worker starts (instrumentation.ts, scripts/worker.ts): a missing one stops it with a clear error.
 */
export function productionEnvProblems(e: Env = env()): string[] {
  if (e.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  if (!e.APP_URL) problems.push("APP_URL: the public URL of the app (links in emails and SMS are built from it)");
  if (!e.AUTH_SECRET) problems.push("AUTH_SECRET: at least 16 characters (signs sessions, keys code hashes)");
  if (!messagesToOutbox(e)) {
    if (!e.SMS_PROVIDER_URL) problems.push("SMS_PROVIDER_URL: an SMS provider (or MESSAGES_TO_OUTBOX=1 to keep SMS in the outbox, for development only)");
    if (!e.RESEND_API_KEY) problems.push("RESEND_API_KEY: an email provider (or MESSAGES_TO_OUTBOX=1 to keep emails in the outbox, for development only)");
  }
  return problems;
}

/** Throws when production is missing a required setting (see productionEnvProblems). */
export function checkProductionEnv(e: Env = env()) {
  const problems = productionEnvProblems(e);
  if (problems.length) throw new Error(`Tribune cannot start in production without:\n${problems.map((p) => `  ${p}`).join("\n")}`);
}

/** Tests and scripts that change the environment call this to re-read it. */
export function resetEnvCache() {
  cached = undefined;
}

/** Version shown by /api/health. */
export const APP_VERSION = "0.1.0";
