// npm run bench:campaign [-- --members 100000 --deliver 100000]
// Queues and delivers one campaign (two variants, 10 % holdout) to a segment of N members in a
// database of its own (tribune_bench_campaign, made afresh), through lib/campaigns and
// deliver-messages — the same code the worker runs — with the outbox driver (MESSAGES_TO_OUTBOX=1:
// every email rendered by react-email and written to OutboxMessage). Prints the time and the peak
// memory (RSS, heap) of each phase; the numbers go to docs/benchmarks.md by hand.
import { performance } from "node:perf_hooks";
import os from "node:os";
import { runDeliverMessages } from "@/lib/communications/deliver";
import { queueCampaign, startDueCampaigns } from "@/lib/campaigns/send";
import { campaignStats } from "@/lib/campaigns/stats";
import { createCampaign, scheduleCampaign } from "@/lib/campaigns/store";
import { createDb } from "@/lib/db/client";
import { dropDatabase, ensureDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { applyProgram } from "@/lib/program/apply-program";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { createSegment } from "@/lib/segments/segments";
import { openDatabase, runScript } from "./lib/database";

const DATABASE = "tribune_bench_campaign";
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MEMBERS = arg("members", 100_000);
/** Deliver at most this many messages (in batches of 200): all by default. */
const DELIVER = arg("deliver", Number.POSITIVE_INFINITY);
// Moscow noon: outside the club's quiet hours.
const NOON = new Date("2026-12-02T09:00:00Z");

/** Peak RSS and heap while `fn` runs (sampled every 25 ms). */
async function measured<T>(label: string, fn: () => Promise<T>): Promise<T> {
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 25);
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    const s = (performance.now() - t0) / 1000;
    process.stdout.write(
      `${label.padEnd(10)} ${s.toFixed(1).padStart(7)} s   peak RSS ${(rss / 2 ** 20).toFixed(0)} MB, peak heap ${(heap / 2 ** 20).toFixed(0)} MB   load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")}\n`,
    );
  }
}

await runScript(async () => {
  process.env.MESSAGES_TO_OUTBOX = "1";
  const database = await openDatabase({ ifRunning: "reuse" });
  const admin = new URL(database.url);
  admin.pathname = "/postgres";
  await dropDatabase(admin.toString(), DATABASE).catch(() => {});
  await ensureDatabase(admin.toString(), DATABASE);
  const url = new URL(database.url);
  url.pathname = `/${DATABASE}`;
  await migrate(url.toString());
  const db = createDb(url.toString());
  try {
    const programId = (await applyProgram(db, referenceProgramJson("football-club"), { now: new Date("2020-01-01T00:00:00Z") })).programId;
    await db.$executeRawUnsafe(
      `INSERT INTO "Customer" (id, "programId", phone, email, "firstName", "registrationChannel", "emailConsent", "smsConsent", locale, "createdAt", "updatedAt")
       SELECT 'cus_bench' || lpad(g::text, 8, '0'), $1, '+7900' || lpad(g::text, 7, '0'), 'fan' || g || '@bench.example', 'Fan',
              'web', g % 10 <> 0, false, CASE WHEN g % 4 = 0 THEN 'en' ELSE 'ru' END, now() - interval '100 days', now()
       FROM generate_series(1, $2::int) g`,
      programId,
      MEMBERS,
    );
    const segment = await createSegment(db, { programId, name: "Everyone", definition: { kind: "group", op: "and", children: [] }, staffUserId: "stf_bench" });
    const campaign = await createCampaign(db, {
      programId,
      staffUserId: null,
      campaign: {
        name: "Bench",
        segmentId: segment.id,
        channel: "email",
        holdoutPercent: 10,
        variants: ["A", "B"].map((key) => ({
          key,
          percent: 50,
          subject: { ru: `{name}, двойные баллы (${key})`, en: `{name}, double points (${key})` },
          body: { ru: "В субботу все покупки в клубном магазине — с двойными баллами.", en: "On Saturday every purchase in the club shop earns double points." },
        })),
      },
    });
    console.log(`${MEMBERS.toLocaleString("en")} members (90 % with email consent), 2 variants, 10 % holdout; ${os.cpus().length} CPUs`);
    await measured("queue", async () => {
      await scheduleCampaign(db, { programId, id: campaign.id, staffUserId: null, at: NOON, now: NOON });
      await startDueCampaigns(db, NOON);
      return queueCampaign(db, campaign.id, NOON);
    });
    // The outbox driver logs every email (the contract's development log): counted, not printed here.
    const log = console.log;
    let logged = 0;
    console.log = () => void (logged += 1);
    let counts: Record<string, number> = {};
    try {
      counts = await measured("deliver", () => runDeliverMessages(db, NOON, { batch: 200, maxBatches: Number.isFinite(DELIVER) ? Math.ceil(DELIVER / 200) : 100_000 }));
    } finally {
      console.log = log;
    }
    const s = await campaignStats(db, programId, campaign.id);
    console.log(`deliver-messages: ${JSON.stringify(counts)}; ${logged.toLocaleString("en")} outbox log lines`);
    console.log(
      `campaign: audience ${s.audience}, holdout ${s.holdout}, targeted ${s.targeted}, queued ${s.total.queued}, sent ${s.total.sent}, suppressed ${JSON.stringify(s.total.suppressed)}, holdout rows ${s.holdoutCounts.queued}`,
    );
  } finally {
    await db.$disconnect();
    await dropDatabase(admin.toString(), DATABASE).catch(() => {});
  }
});
