// The demo data set: the football club program, its staff, the experience catalog, a season
// and a half of a real club's life with 20,000 fans (lib/seed/season) and the NPS survey's answers,
// the owner's import of the old fan card's customers and a what-if replay of a draft of the rules
// (lib/seed/moving-in.ts). Deterministic for a given "now"; dates are relative to it, so the demo
// looks the same on any day (the legacy sample's dates are its own).
import { readFileSync } from "node:fs";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import type { Db } from "@/lib/db/client";
import { createId } from "@/lib/ids";
import { applyProgram, validateDefinition } from "@/lib/program/apply-program";
import { issuePartnerTerminalKey } from "@/lib/partner/terminals";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { seedCatalog, seedDeletionRequests } from "./seed-engagement";
import { seedSegments } from "./season/segments";
import { seedSeason, type SeasonResult } from "./season/season";
import { seasonCampaigns } from "./season/campaigns";
import { buildTimeline } from "./season/timeline";
import { seedGiftCards } from "./gift-cards";
import { seedMessages } from "./messages";
import { seedSites } from "./identity";
import { seedSurveys } from "./surveys";
import { seedCampaigns } from "./campaigns";
import { seedPartnerCampaigns, seedPartnerMailings } from "./partner-campaigns";
import { seedPartnerPortal } from "./partner-portal";
import { seedLegacyImport, seedSimulation } from "./moving-in";
export { DEMO_FAN } from "./season/fans";

export const DEMO_PASSWORD = "tribune-demo";
export const DEMO_PROGRAM_FILE = "programs/football-club.json";
/** The club's promotions: applied before the season, whose receipts use them. */
export const DEMO_PROMOTIONS_FILE = "programs/football-club.promotions.json";
/** Fans in the demo season. */
export const DEMO_FANS = 20_000;

export const DEMO_STAFF = [
  { email: "owner@tribune.demo", name: "Olga Owner", role: "owner" },
  { email: "marketer@tribune.demo", name: "Marina Marketer", role: "marketer" },
  { email: "support@tribune.demo", name: "Sergey Support", role: "support" },
  { email: "analyst@tribune.demo", name: "Anna Analyst", role: "analyst" },
] as const;

export interface SeedOptions {
  /** The database seedDemo writes to (the bulk writer talks to it directly). */
  databaseUrl: string;
  customers?: number;
  log?: (line: string) => void;
  /** Progress of the season's generation: done of total and what is happening. */
  progress?: (done: number, total: number, label: string) => void;
  now?: Date;
  /** How the season's history is written (see lib/seed/season/season.ts). */
  through?: "bulk" | "domain";
  /** Leaves out the legacy import and the simulation (the season's bulk = domain test compares the season alone). */
  skipMovingIn?: boolean;
}

export function readProgramFile(file: string): unknown {
  return JSON.parse(readFileSync(path.resolve(process.cwd(), file), "utf8"));
}

export async function seedDemo(db: Db, opts: SeedOptions): Promise<{ programId: string; season: SeasonResult }> {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? new Date();
  const json = readProgramFile(DEMO_PROGRAM_FILE);
  const timeline = buildTimeline(validateDefinition(json), now, "fc-tribune");
  // The program started with the move from the old fan card, a month before last season.
  const since = new Date(timeline.launch.getTime() - 16 * 86400_000);
  const applied = await applyProgram(db, json, { note: "demo seed", now: since });
  const programId = applied.programId;
  log(`program ${applied.code} v${applied.version}`);
  const promotions = await applyPromotionsFile(db, readProgramFile(DEMO_PROMOTIONS_FILE), { note: "demo seed" });
  const campaigns = await applyPromotionsFile(db, seasonCampaigns(timeline, applied.code), { note: "demo seed: dated campaigns" });
  // In force since the program started: the season's receipts use them.
  await db.promotionVersion.updateMany({ where: { promotion: { programId } }, data: { createdAt: since } });
  await db.promotion.updateMany({ where: { programId }, data: { createdAt: since } });
  log(`${promotions.length} promotions, ${campaigns.length} dated campaigns`);

  const partners = await db.partner.findMany({ where: { programId }, orderBy: { code: "asc" } });
  const passwordHash = await hash(DEMO_PASSWORD);
  const staff = [
    ...DEMO_STAFF.map((s) => ({ ...s, partnerId: null as string | null })),
    ...partners.map((p) => ({ email: `${p.code}@tribune.demo`, name: `${p.name} manager`, role: "partner_manager" as const, partnerId: p.id })),
  ];
  for (const s of staff) {
    await db.staffUser.upsert({
      where: { email: s.email },
      update: {},
      create: { id: createId("stf", since.getTime()), programId, email: s.email, name: s.name, role: s.role, partnerId: s.partnerId, passwordHash, createdAt: since },
    });
  }
  log(`${staff.length} staff accounts`);
  // The partners' own campaigns before the season, whose receipts at their stores use them.
  await seedPartnerCampaigns(db, { programId, now, log });
  await seedCatalog(db, { programId, now, since, log });

  const started = Date.now();
  const cpu = process.cpuUsage();
  const season = await seedSeason(db, opts.databaseUrl, { programId, now, fans: opts.customers ?? DEMO_FANS, progress: opts.progress, log, through: opts.through });
  const { sim } = season;
  const used = process.cpuUsage(cpu);
  log(
    `${(opts.customers ?? DEMO_FANS).toLocaleString("en")} fans; ${sim.purchases.length.toLocaleString("en")} receipts, ${sim.visits.length.toLocaleString("en")} match visits, ${sim.returns.length.toLocaleString("en")} returns, ${sim.redemptions.length.toLocaleString("en")} vouchers, ${sim.ledger.entries.length.toLocaleString("en")} ledger entries in ${((Date.now() - started) / 1000).toFixed(1)} s (${((used.user + used.system) / 1e6).toFixed(1)} s of CPU in this process)`,
  );
  await seedSegments(db, { programId, at: new Date(now.getTime() - 20 * 86400_000) });
  await seedSites(db, { programId, since, log });
  await seedPendingPartnerKey(db, programId);
  await seedDeletionRequests(db, { programId, now, log });
  await seedGiftCards(db, { programId, since, now, log });
  await seedSurveys(db, { programId, now, log });
  await seedMessages(db, { programId, now, log });
  await seedCampaigns(db, { programId, now, log });
  await seedPartnerMailings(db, { programId, now, log });
  await seedPartnerPortal(db, { programId, now, log });
  // Last, so the season's numbers above stay the season's: the owner's legacy import, then the
  // marketer's what-if replay (which sees the imported customers too).
  if (opts.skipMovingIn) return { programId, season };
  const moving = Date.now();
  await seedLegacyImport(db, { programId, databaseUrl: opts.databaseUrl, now, log });
  const simulating = Date.now();
  await seedSimulation(db, { programId, databaseUrl: opts.databaseUrl, now, log });
  log(`legacy import in ${((simulating - moving) / 1000).toFixed(1)} s, simulation in ${((Date.now() - simulating) / 1000).toFixed(1)} s`);
  return { programId, season };
}

/** True when the database has no program yet (the demo seeds only then). */
export async function isEmpty(db: Db) {
  return (await db.program.count()) === 0;
}

/** A till key the first partner's manager issued, waiting for the owner's approval on the Stores page. */
async function seedPendingPartnerKey(db: Db, programId: string) {
  const store = await db.store.findFirst({ where: { programId, partnerId: { not: null } }, orderBy: { code: "asc" } });
  if (!store?.partnerId) return;
  const manager = await db.staffUser.findFirst({ where: { programId, partnerId: store.partnerId, role: "partner_manager" } });
  if (!manager) return;
  await issuePartnerTerminalKey(db, { partnerId: store.partnerId, staffUserId: manager.id }, { storeId: store.id, name: "New bar till (awaiting approval)" });
}
