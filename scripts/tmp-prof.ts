import { programDefinitionOrThrow } from "@/lib/program/definition";
import { readProgramFile } from "@/lib/seed/seed-demo";
import { CATALOG } from "@/lib/seed/seed-engagement";
import { generateFans } from "@/lib/seed/season/fans";
import { SeededIds } from "@/lib/seed/season/ids";
import { planSeason, simulateSeason } from "@/lib/seed/season/season";
import { buildTimeline } from "@/lib/seed/season/timeline";
import type { World } from "@/lib/seed/season/world";
const def = programDefinitionOrThrow(readProgramFile("programs/football-club.json"));
const world: World = {
  programId: "prg_x", versionId: "pvr_x", def,
  stores: new Map(def.stores!.map((s) => [s.code, { id: `sto_${s.code}`, code: s.code, name: s.name ?? s.code, partnerCode: s.partner ?? null, tags: s.tags ?? [], timezone: s.timezone, terminalId: `trm_${s.code}` }])),
  staff: new Map([["support@tribune.demo", { id: "stf_s", role: "support", partnerId: null }], ["owner@tribune.demo", { id: "stf_o", role: "owner", partnerId: null }], ["marketer@tribune.demo", { id: "stf_m", role: "marketer", partnerId: null }], ["analyst@tribune.demo", { id: "stf_a", role: "analyst", partnerId: null }], ["pub@tribune.demo", { id: "stf_p", role: "partner_manager", partnerId: "p" }], ["coffee@tribune.demo", { id: "stf_c", role: "partner_manager", partnerId: "c" }]]),
  items: new Map(CATALOG.map((c) => [c.code, { id: `cat_${c.code}`, code: c.code, title: c.title, pointsPrice: c.price, stock: c.stock, minTierCode: c.minTier, availableFrom: null, availableUntil: null, active: true }])),
};
const n = Number(process.argv[2] ?? 20000);
const now = new Date();
const t = buildTimeline(def, now, "fc-tribune");
let c = process.cpuUsage(); let w = Date.now();
const lap = (s: string) => { const u = process.cpuUsage(c); console.log(s, "wall", Date.now() - w, "cpu", Math.round((u.user + u.system) / 1000)); c = process.cpuUsage(); w = Date.now(); };
const { fans } = generateFans({ count: n, programId: "prg_x", timeline: t, seed: "fc-tribune", ids: new SeededIds("x"), storeIds: new Map() });
lap("fans");
const plan = planSeason(world, t, fans, "fc-tribune");
lap(`plan ${plan.events.length}`);
const sim = simulateSeason(plan, "fc-tribune");
lap(`sim ${sim.purchases.length} receipts ${sim.visits.length} visits`);
const by = new Map<string, number>(); for (const p of sim.purchases) { const k = p.storeId + (p.customerId ? "" : " anon"); by.set(k, (by.get(k) ?? 0) + 1); }
console.log([...by].sort().map(([k, v]) => `${k} ${v}`).join("\n"));
