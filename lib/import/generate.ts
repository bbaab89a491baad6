// Legacy files of a made-up system (deterministic, seeded): the import benchmark's million
// customers and the demo's sample folder (programs/legacy-sample). Streams every file, so memory
// stays flat whatever the size. Balances are built to exercise every reconciliation case: lots
// summing to the balance, to less (opening-balance lot), to more (oldest first), and no lots.
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import path from "node:path";
import { csvLine } from "@/lib/segments/csv";
import { FILES } from "./files";

export interface GenerateOptions {
  dir: string;
  customers: number;
  /** Lots per customer (exact average: the total is customers × lotsPerCustomer). */
  lotsPerCustomer: number;
  historyPerCustomer: number;
  stores: string[];
  tiers: string[];
  now: Date;
  seed?: number;
  /** Names for a person; bench names otherwise. */
  names?: (i: number, rnd: () => number) => { first: string; last: string; email: string | null };
  achievements?: [code: string, name: string][];
  /** Expiry of the lots that expire: days after `now` (default 5…705). A sample kept in the repository uses far dates. */
  expiryDays?: [min: number, max: number];
}

export interface GeneratedCounts {
  customers: number;
  lots: number;
  history: number;
  achievements: number;
}

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const ymd = (d: Date) => d.toISOString().slice(0, 10);

class Out {
  private s: WriteStream;
  constructor(file: string, header: string[]) {
    this.s = createWriteStream(file, { encoding: "utf8" });
    this.s.write(csvLine(header));
  }
  /** Writes a row; resolves at once unless the stream's buffer is full. */
  async row(values: unknown[]) {
    if (!this.s.write(csvLine(values))) {
      await new Promise<void>((r) => this.s.once("drain", () => r()));
    }
  }
  close() {
    return new Promise<void>((r) => this.s.end(() => r()));
  }
}

export async function generateLegacyFiles(o: GenerateOptions): Promise<GeneratedCounts> {
  mkdirSync(o.dir, { recursive: true });
  const rnd = seededRandom(o.seed ?? 42);
  const customers = new Out(path.join(o.dir, "customers.csv"), FILES["customers.csv"].columns);
  const points = new Out(path.join(o.dir, "points.csv"), FILES["points.csv"].columns);
  const history = new Out(path.join(o.dir, "history.csv"), FILES["history.csv"].columns);
  const achievements = new Out(path.join(o.dir, "achievements.csv"), FILES["achievements.csv"].columns);
  const counts: GeneratedCounts = { customers: 0, lots: 0, history: 0, achievements: 0 };
  const now = o.now.getTime();
  let lotCarry = 0;
  let historyCarry = 0;
  for (let i = 1; i <= o.customers; i++) {
    const ext = `C${String(i).padStart(8, "0")}`;
    const registered = now - (60 + Math.floor(rnd() * 2500)) * DAY;
    // Lots: the exact average, spread (0…2×) over customers.
    lotCarry += o.lotsPerCustomer;
    const nLots = Math.min(Math.floor(lotCarry), Math.floor(rnd() * (2 * o.lotsPerCustomer + 1)));
    lotCarry -= nLots;
    historyCarry += o.historyPerCustomer;
    const nHistory = Math.min(Math.floor(historyCarry), Math.floor(rnd() * (2 * o.historyPerCustomer + 1)));
    historyCarry -= nHistory;
    let lotSum = 0;
    const lots: unknown[][] = [];
    for (let k = 0; k < nLots; k++) {
      const pts = 10 + Math.floor(rnd() * 990);
      const earned = registered + Math.floor(rnd() * (now - registered - DAY));
      const promo = rnd() < 0.05;
      const [minDays, maxDays] = o.expiryDays ?? [5, 705];
      const expires = rnd() < 0.7 ? ymd(new Date(now + (minDays + Math.floor(rnd() * (maxDays - minDays))) * DAY)) : "";
      if (!promo) lotSum += pts;
      lots.push([ext, pts, new Date(earned).toISOString(), expires, promo ? "promo" : "main"]);
    }
    // 70 %: the lots are the balance; 15 %: more (some history missing); 15 %: less (trimmed).
    const r = rnd();
    const balance = r < 0.7 ? lotSum : r < 0.85 ? lotSum + 50 + Math.floor(rnd() * 2000) : Math.floor(lotSum * rnd());
    const person = o.names?.(i, rnd) ?? { first: "Fan", last: `Legacy ${i}`, email: null };
    const tier = o.tiers[Math.min(o.tiers.length - 1, Math.floor(Math.pow(rnd(), 2.2) * o.tiers.length))];
    await customers.row([
      ext,
      `+7901${String(i).padStart(7, "0")}`,
      person.email,
      person.first,
      person.last,
      rnd() < 0.6 ? ymd(new Date(Date.UTC(1950 + Math.floor(rnd() * 55), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)))) : "",
      ymd(new Date(registered)),
      rnd() < 0.5 ? `77${String(o.seed ?? 42).padStart(3, "0")}${String(i).padStart(8, "0")}` : "",
      tier,
      tier === o.tiers[0] ? "" : ymd(new Date(registered + Math.floor(rnd() * (now - registered)))),
      balance,
      rnd() < 0.6 ? 1 : 0,
      rnd() < 0.4 ? 1 : 0,
    ]);
    counts.customers++;
    for (const l of lots) await points.row(l);
    counts.lots += lots.length;
    let lastPurchase: { n: string; store: string; at: number; amount: number } | null = null;
    for (let k = 0; k < nHistory; k++) {
      if (lastPurchase && rnd() < 0.06) {
        const at = Math.min(now - 1000, lastPurchase.at + Math.floor(rnd() * 14 * DAY));
        await history.row([ext, lastPurchase.n, lastPurchase.store, new Date(at).toISOString(), Math.max(1, Math.floor(lastPurchase.amount * (0.2 + rnd() * 0.8))), "return", "", ""]);
        lastPurchase = null;
      } else {
        const at = registered + Math.floor(rnd() * (now - registered - DAY));
        const amount = 50_00 + Math.floor(Math.exp(rnd() * 5) * 300_00);
        const store = o.stores[Math.floor(rnd() * o.stores.length)];
        const n = `${ext}-${k + 1}`;
        await history.row([ext, n, store, new Date(at).toISOString(), amount, "purchase", Math.floor(amount / 2000), rnd() < 0.1 ? Math.floor(rnd() * 500) : 0]);
        lastPurchase = { n, store, at, amount };
      }
      counts.history++;
    }
    if (o.achievements) {
      for (const [code, name] of o.achievements) {
        if (rnd() < 0.15) {
          await achievements.row([ext, code, name, ymd(new Date(registered + Math.floor(rnd() * (now - registered))))]);
          counts.achievements++;
        }
      }
    }
  }
  await Promise.all([customers.close(), points.close(), history.close(), achievements.close()]);
  return counts;
}
