// The demo season, end to end: fans, then every planner's events on the one timeline, then the
// simulation in time order (with the jobs the worker would have run: lot expiry, the season
// rollover), then the bulk write. Deterministic for a given seed and "now".
import { createHash } from "node:crypto";
import pg from "pg";
import type { ActivePromotion } from "@/lib/promotions/engine";
import { inHoldout } from "@/lib/promotions/holdout";
import type { Db } from "@/lib/db/client";
import { sortEvents, type SeasonEvent } from "./events";
import { generateFans, type Fan } from "./fans";
import { SeededIds } from "./ids";
import type { PlanContext } from "./plan/context";
import { planDemoFan } from "./plan/demo-fan";
import { planLegacy, type AchievementRow } from "./plan/legacy";
import { planMatches } from "./plan/matches";
import { planPartners, planWalkIns } from "./plan/partners";
import { planShop } from "./plan/shop";
import { planSupport, type FeedbackThread, type StaffAudit } from "./plan/support";
import { planVouchers } from "./plan/vouchers";
import { planWelcome } from "./plan/welcome";
import { replaySeason } from "./replay";
import { Rng } from "./rng";
import { SimPromotions } from "./sim/promotions";
import { SeasonSim } from "./sim/simulate";
import { writeAudits, writeCustomers, writeSimulation } from "./store-rows";
import { buildTimeline, type SeasonTimeline } from "./timeline";
import { loadWorld, type World, type WorldStore } from "./world";
import { insertRows } from "./write";

export interface SeasonOptions {
  programId: string;
  now: Date;
  fans: number;
  seed?: string;
  /**
   * "bulk" (default): simulate in memory and write the rows at once. "domain": send every event
   * through the domain functions instead (lib/seed/season/replay.ts; for the equality test).
   */
  through?: "bulk" | "domain";
  /** Timings of the phases. */
  log?: (line: string) => void;
  /** Progress of the long part: done of total, and what is happening. */
  progress?: (done: number, total: number, label: string) => void;
}

export interface PlannedSeason {
  timeline: SeasonTimeline;
  world: World;
  fans: Fan[];
  events: SeasonEvent[];
  achievements: AchievementRow[];
  threads: FeedbackThread[];
  audits: StaffAudit[];
}

const STORE_PREFIX: Record<string, string> = {
  "stadium-shop": "SM",
  "web-shop": "WEB",
  "ticket-office": "TO",
  "ticket-site": "TS",
  outlet: "OUT",
  "pub-luzhniki": "ETL",
  "pub-arbat": "ETA",
  "coffee-stadium": "HTC",
};

/** The till(s) of every store: the history's receipts come from the first one. */
async function seedTerminals(client: pg.ClientBase, db: Db, programId: string, ids: SeededIds, at: Date): Promise<Map<string, string>> {
  const stores = await db.store.findMany({ where: { programId }, orderBy: { code: "asc" } });
  const out = new Map<string, string>();
  const rows: unknown[][] = [];
  for (const s of stores) {
    const names = s.code === "stadium-gates" ? ["Gate scanners, north", "Gate scanners, south"] : s.code.includes("web") || s.code.includes("site") ? ["Web checkout"] : ["Till 1", "Till 2"];
    names.forEach((name, i) => {
      const id = ids.id("trm", at.getTime() + i);
      // The key itself is never known: these tills exist for the history only.
      const hash = createHash("sha256").update(`${id}:demo-history-till`).digest("hex");
      if (i === 0) out.set(s.code, id);
      rows.push([id, programId, s.id, name, "trm_live_hist", hash, at]);
    });
  }
  await insertRows(
    client,
    "Terminal",
    [
      ["id", "text"],
      ["programId", "text"],
      ["storeId", "text"],
      ["name", "text"],
      ["keyPrefix", "text"],
      ["keyHash", "text"],
      ["createdAt", "timestamptz"],
    ],
    rows,
  );
  return out;
}

/** How much less a member in a promotion's control group buys where the promotion runs. */
const HOLDOUT_LOSS = 0.12;

/** Whether an automatic promotion could touch this receipt: it runs then, in that store, on one of its lines. */
function touches(p: ActivePromotion, store: WorldStore, e: Extract<SeasonEvent, { kind: "purchase" }>): boolean {
  const d = p.def;
  const t = e.at.getTime();
  if (d.validity?.from && t < Date.parse(d.validity.from)) return false;
  if (d.validity?.to && t >= Date.parse(d.validity.to)) return false;
  const w = d.where;
  if (w?.stores?.length && !w.stores.includes(store.code)) return false;
  if (w?.partners?.length && (!store.partnerCode || !w.partners.includes(store.partnerCode))) return false;
  if (w?.storeTags?.length && !w.storeTags.some((tag) => store.tags.includes(tag))) return false;
  if (w?.excludeStoreTags?.some((tag) => store.tags.includes(tag))) return false;
  const items = d.basket?.items;
  if (!items?.categories?.length && !items?.skus?.length) return true;
  return e.lines.some((l) => items.categories?.includes(l.category) || items.skus?.includes(l.sku));
}

/**
 * The uplift a promotion's control group shows: a member in the holdout of an automatic promotion
 * skips some of the receipts it would have touched (and the returns of those), so exposed members
 * spend more per head than the holdout over the promotion's period. The demo fan is left alone.
 */
function holdoutShopsLess(world: World, fans: Fan[], rng: Rng, events: SeasonEvent[]): SeasonEvent[] {
  const held = (world.promotions?.inForce ?? []).filter((p) => p.def.status === "active" && p.def.trigger === "auto" && (p.def.audience?.holdoutPercent ?? 0) > 0);
  if (!held.length) return events;
  const demo = new Set(fans.filter((f) => f.kind === "demo").map((f) => f.id));
  const holdouts = new Map<string, boolean>();
  const isHeld = (p: ActivePromotion, customerId: string) => {
    const k = `${p.def.code}|${customerId}`;
    let v = holdouts.get(k);
    if (v === undefined) holdouts.set(k, (v = inHoldout(p.def.code, customerId, p.def.audience!.holdoutPercent!)));
    return v;
  };
  const dropped = new Set<string>();
  const kept = events.filter((e) => {
    if (e.kind !== "purchase" || !e.customerId || demo.has(e.customerId)) return true;
    const store = world.stores.get(e.store)!;
    const inHoldoutHere = held.some((p) => touches(p, store, e) && isHeld(p, e.customerId!));
    if (!inHoldoutHere || !rng.chance(HOLDOUT_LOSS)) return true;
    dropped.add(e.key);
    return false;
  });
  return kept.filter((e) => e.kind !== "return" || !dropped.has(e.purchaseKey));
}

/** Plans the season: who the fans are and what they do, in time order (nothing written). */
export function planSeason(world: World, timeline: SeasonTimeline, fans: Fan[], seed: string): PlannedSeason {
  const rng = new Rng(`plan:${seed}`);
  let n = 0;
  const ctx: PlanContext = {
    t: timeline,
    fans,
    staff: Object.fromEntries([...world.staff].map(([email, s]) => [s.role === "partner_manager" ? email.split("@")[0] : s.role, s.id])),
    events: [],
    scale: Math.min(1, fans.length / 20_000),
    key: (prefix) => `${prefix}${(n++).toString(36).padStart(6, "0")}`,
    sharedCodes: (world.promotions?.inForce ?? []).flatMap((p) => (p.def.status === "active" && p.def.trigger === "code" && p.def.codes?.shared ? [p.def.codes.shared] : [])),
  };
  const demo = planDemoFan(ctx, rng.fork("demo"), fans[0]);
  const achievements = [...demo.achievements, ...planLegacy(ctx, rng.fork("legacy"))];
  planWelcome(ctx, rng.fork("welcome"));
  planMatches(ctx, rng.fork("matches"));
  planShop(ctx, rng.fork("shop"));
  planPartners(ctx, rng.fork("partners"));
  planWalkIns(ctx, rng.fork("walk-ins"));
  planVouchers(ctx, rng.fork("vouchers"));
  const support = planSupport(ctx, rng.fork("support"));
  const threads = [...support.threads, ...demo.threads];
  const audits = support.audits;
  const events = sortEvents(
    holdoutShopsLess(
      world,
      fans,
      rng.fork("holdout"),
      ctx.events.filter((e) => e.at < timeline.now),
    ),
  );
  if (timeline.current.start > timeline.previous.start) events.push({ kind: "rollover", at: new Date(timeline.current.start.getTime() + 5 * 60_000) });
  // One customer never does two things in the same millisecond (the domain orders lots by time).
  const last = new Map<string, number>();
  for (const e of events) {
    const who = "customerId" in e ? e.customerId : null;
    if (!who) continue;
    const prev = last.get(who);
    if (prev !== undefined && e.at.getTime() <= prev) e.at = new Date(prev + 1);
    last.set(who, e.at.getTime());
  }
  sortEvents(events);
  // Receipt and return numbers run per store in time order.
  const counters = new Map<string, number>();
  const storeOf = new Map<string, string>();
  for (const e of events) {
    if (e.kind === "purchase") {
      const c = (counters.get(e.store) ?? 0) + 1;
      counters.set(e.store, c);
      storeOf.set(e.key, e.store);
      e.number = `${STORE_PREFIX[e.store] ?? "R"}-${String(c).padStart(6, "0")}`;
    } else if (e.kind === "return") {
      const store = storeOf.get(e.purchaseKey) ?? "";
      const c = (counters.get(`ret:${store}`) ?? 0) + 1;
      counters.set(`ret:${store}`, c);
      e.number = `RET-${STORE_PREFIX[store] ?? "R"}-${String(c).padStart(5, "0")}`;
    }
  }
  return { timeline, world, fans, events, achievements, threads, audits };
}

/** How often a member who holds an issued code that would apply brings it to the till. */
const HELD_CODE_USE = 0.7;

/** Runs the events through the simulation, with the expire-lots job at every lot's expiry. */
export function simulateSeason(plan: PlannedSeason, seed: string, progress?: SeasonOptions["progress"]): SeasonSim {
  const ids = new SeededIds(`sim:${seed}`);
  const vr = new Rng(`vouchers:${seed}`);
  const promotions = plan.world.promotions?.inForce.length
    ? new SimPromotions(plan.world.promotions, ids, new Rng(`promo-codes:${seed}`), new Map(plan.fans.map((f) => [f.id, { birthDate: f.birthDate, registeredAt: f.createdAt }])))
    : null;
  const cr = new Rng(`held-codes:${seed}`);
  const sim = new SeasonSim(
    plan.world,
    ids,
    () => vr.next(),
    promotions,
    () => cr.chance(HELD_CODE_USE),
  );
  const total = plan.events.length;
  let done = 0;
  const jobs = (until: Date) => {
    for (const at of sim.ledger.expiriesUntil(until)) sim.apply({ kind: "expire-lots", at });
  };
  for (const e of plan.events) {
    jobs(e.at);
    sim.apply(e);
    if (++done % 5000 === 0) progress?.(done, total, "simulating the season");
  }
  jobs(plan.timeline.now);
  progress?.(total, total, "simulating the season");
  return sim;
}

export interface SeasonResult {
  plan: PlannedSeason;
  sim: SeasonSim;
}

/** Generates and writes the whole season into a database that has the program, its staff and catalog. */
export async function seedSeason(db: Db, databaseUrl: string, opts: SeasonOptions): Promise<SeasonResult> {
  const seed = opts.seed ?? "fc-tribune";
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("begin");
    const ids = new SeededIds(`world:${seed}`);
    let t0 = Date.now();
    const world0 = await loadWorld(db, opts.programId, new Map());
    const timeline = buildTimeline(world0.def, opts.now, seed);
    const terminals = await seedTerminals(client, db, opts.programId, ids, new Date(timeline.launch.getTime() - 7 * 86400_000));
    const world = { ...world0, stores: new Map([...world0.stores].map(([code, s]) => [code, { ...s, terminalId: terminals.get(code)! }])) };
    const { fans, customers, cards } = generateFans({ count: opts.fans, programId: opts.programId, timeline, seed, ids, storeIds: new Map([...world.stores].map(([c, s]) => [c, s.id])) });
    await writeCustomers(client, customers, cards);
    const lap = (what: string) => {
      opts.log?.(`${what} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      t0 = Date.now();
    };
    lap(`${fans.length} fans generated and written`);
    opts.progress?.(0, 1, "planning the season");
    const plan = planSeason(world, timeline, fans, seed);
    lap(`${plan.events.length} events planned`);
    const sim = simulateSeason(plan, seed, opts.progress);
    lap("season simulated");
    if (opts.through === "domain") {
      await writeEngagement(client, db, opts.programId, plan, ids);
      await client.query("commit");
      await replaySeason(db, world, sim.log, (done, total) => opts.progress?.(done, total, "replaying through the domain"));
      lap("season replayed through the domain");
      return { plan, sim };
    }
    const steps = 8;
    let step = 0;
    await writeSimulation(client, sim, { programId: opts.programId, versionId: world.versionId, now: opts.now }, (table) => opts.progress?.(++step, steps, `writing ${table}`));
    await writeEngagement(client, db, opts.programId, plan, ids);
    lap("season written");
    for (const item of world.items.values()) {
      const left = sim.stockLeft(item.code);
      if (left !== item.stock) await client.query(`update "CatalogItem" set stock = $1 where id = $2`, [left, item.id]);
    }
    await client.query("commit");
    await client.query("analyze");
    lap("committed and analyzed");
    return { plan, sim };
  } catch (e) {
    await client.query("rollback").catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}

/** Feedback threads with their audit trail, achievements, staff sign-ins. */
async function writeEngagement(client: pg.ClientBase, db: Db, programId: string, plan: PlannedSeason, ids: SeededIds) {
  const topics = new Map((await db.feedbackTopic.findMany({ where: { programId } })).map((t) => [t.code, t.id]));
  const requests: unknown[][] = [];
  const messages: unknown[][] = [];
  const audits: Parameters<typeof writeAudits>[2] = plan.audits.map((a) => ({ ...a, actorType: "staff" as const }));
  for (const th of plan.threads) {
    const first = th.messages[0].at;
    const last = th.messages[th.messages.length - 1].at;
    const id = ids.id("fbk", first);
    requests.push([id, programId, th.customerId, topics.get(th.topic), th.subject, th.status, th.assignee, first, last, last, th.status === "closed" ? last : null]);
    for (const m of th.messages) messages.push([ids.id("fbm", m.at), programId, id, m.author, m.author === "staff" ? th.assignee : null, m.body, m.at]);
    const staffReply = th.messages.find((m) => m.author === "staff");
    if (th.assignee && staffReply)
      audits.push({
        actorType: "staff",
        actorId: th.assignee,
        action: "feedback.assigned",
        entityType: "feedback_request",
        entityId: id,
        before: { assigneeId: null },
        after: { assigneeId: th.assignee },
        at: new Date(staffReply.at.getTime() - 600_000),
      });
    if (th.status === "closed" && th.assignee)
      audits.push({
        actorType: "staff",
        actorId: th.assignee,
        action: "feedback.closed",
        entityType: "feedback_request",
        entityId: id,
        before: { status: "answered" },
        after: { status: "closed" },
        at: last,
      });
  }
  await insertRows(
    client,
    "FeedbackRequest",
    [
      ["id", "text"],
      ["programId", "text"],
      ["customerId", "text"],
      ["topicId", "text"],
      ["subject", "text"],
      ["status", "text", '"FeedbackStatus"'],
      ["assigneeId", "text"],
      ["createdAt", "timestamptz"],
      ["updatedAt", "timestamptz"],
      ["lastMessageAt", "timestamptz"],
      ["closedAt", "timestamptz"],
    ],
    requests,
  );
  await insertRows(
    client,
    "FeedbackMessage",
    [
      ["id", "text"],
      ["programId", "text"],
      ["requestId", "text"],
      ["author", "text", '"FeedbackAuthor"'],
      ["staffId", "text"],
      ["body", "text"],
      ["createdAt", "timestamptz"],
    ],
    messages,
  );
  await insertRows(
    client,
    "Achievement",
    [
      ["id", "text"],
      ["programId", "text"],
      ["customerId", "text"],
      ["code", "text"],
      ["title", "text"],
      ["earnedAt", "timestamptz"],
      ["source", "text"],
      ["createdAt", "timestamptz"],
    ],
    plan.achievements.map((a) => [ids.id("ach", a.earnedAt), programId, a.customerId, a.code, a.title, a.earnedAt, a.source, plan.timeline.launch]),
  );
  await writeAudits(client, programId, audits);
}
