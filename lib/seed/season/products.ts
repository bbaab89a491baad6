// What the club and its partners sell, with prices in minor units (RUB kopecks): merchandise of
// the stadium megastore, the web shop and the outlet, tickets and season tickets, the sports
// bar's and the coffee shop's menus.
import type { Rng } from "./rng";
import type { LineIntent } from "./events";

type Item = readonly [sku: string, name: string, price: number, weight: number];

export const MERCH: readonly Item[] = [
  ["JERSEY-HOME", "Home jersey", 799000, 10],
  ["JERSEY-AWAY", "Away jersey", 799000, 6],
  ["JERSEY-KIDS", "Kids' home kit", 499000, 5],
  ["SCARF", "Club scarf", 150000, 14],
  ["SCARF-KNIT", "Knitted winter scarf", 190000, 6],
  ["CAP", "Club cap", 190000, 8],
  ["BEANIE", "Beanie", 149000, 7],
  ["HOODIE", "Hoodie", 590000, 6],
  ["TRAINING-TOP", "Training top", 450000, 4],
  ["MUG", "Mug", 90000, 8],
  ["BALL", "Match ball replica", 350000, 3],
  ["FLAG", "Flag 90×135", 120000, 4],
  ["KEYCHAIN", "Keychain", 40000, 6],
  ["PATCH-NAME", "Name and number printing", 120000, 3],
  ["PROGRAMME", "Matchday programme", 30000, 5],
];

export const OUTLET: readonly Item[] = [
  ["OUT-JERSEY-24", "Home jersey 24/25 (outlet)", 349000, 6],
  ["OUT-TRAINING", "Training top, last season (outlet)", 199000, 4],
  ["OUT-SCARF", "Scarf, old design (outlet)", 70000, 5],
  ["OUT-JACKET", "Rain jacket (outlet)", 390000, 2],
];

export const PUB: readonly Item[] = [
  ["BEER-05", "Draught beer 0.5", 45000, 14],
  ["CIDER-05", "Cider 0.5", 42000, 3],
  ["LEMONADE", "Lemonade", 29000, 4],
  ["WINGS", "Chicken wings", 69000, 7],
  ["BURGER", "Burger with fries", 89000, 6],
  ["NACHOS", "Nachos", 54000, 5],
  ["PIZZA", "Pizza 30 cm", 79000, 4],
  ["MATCH-MENU", "Match-day menu for two", 320000, 2],
];

export const COFFEE: readonly Item[] = [
  ["LATTE", "Latte", 28000, 10],
  ["CAPPUCCINO", "Cappuccino", 26000, 8],
  ["AMERICANO", "Americano", 19000, 6],
  ["TEA", "Tea with lemon", 15000, 4],
  ["HOT-CHOC", "Hot chocolate", 29000, 4],
  ["PIE", "Meat pie", 22000, 6],
  ["CROISSANT", "Croissant", 19000, 5],
  ["SANDWICH", "Sandwich", 34000, 3],
];

/** Season ticket stands: [code, name, price]. */
export const STANDS = {
  north: ["NORTH", "north stand (fan sector)", 990000],
  east: ["EAST", "east stand", 1800000],
  west: ["WEST", "west stand", 2600000],
  central: ["CENTRAL", "central west stand", 5200000],
  vip: ["VIP", "club level, VIP", 13500000],
} as const;
export type Stand = keyof typeof STANDS;

function pickLines(rng: Rng, items: readonly Item[], count: number, category: string, qty: () => number): LineIntent[] {
  const out: LineIntent[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count * 3 && out.length < count; i++) {
    const [sku, name, price] = rng.weighted(items.map((it) => [it, it[3]] as const));
    if (used.has(sku)) continue;
    used.add(sku);
    out.push({ lineNo: out.length + 1, sku, name, category, quantity: qty(), price });
  }
  return out;
}

/** A merchandise basket; prices rise 10 % for the current season's kit. */
export function merchBasket(rng: Rng, size: number, currentSeason: boolean): LineIntent[] {
  return pickLines(rng, MERCH, size, "merch", () => (rng.chance(0.1) ? 2 : 1)).map((l) => (currentSeason && l.sku.startsWith("JERSEY") ? { ...l, price: l.price + 100000 } : l));
}

export function outletBasket(rng: Rng): LineIntent[] {
  return pickLines(rng, OUTLET, rng.int(1, 2), "merch", () => 1);
}

export function pubBasket(rng: Rng, people: number): LineIntent[] {
  return pickLines(rng, PUB, Math.min(5, 1 + people), "food", () => rng.int(1, people + 1));
}

export function coffeeBasket(rng: Rng): LineIntent[] {
  return pickLines(rng, COFFEE, rng.int(1, 3), "food", () => (rng.chance(0.2) ? 2 : 1));
}

/** Match tickets: one line with `count` seats; price by sector and by how big the match is. */
export function ticketLine(rng: Rng, fixture: { code: string; opponent: string; appeal: number; competition: string }, count: number): LineIntent {
  const base = fixture.competition === "cup" ? rng.pick([50000, 70000, 90000]) : rng.pick([120000, 180000, 250000, 350000]);
  const price = Math.round((base * fixture.appeal) / 5000) * 5000;
  const name = `${fixture.competition === "cup" ? "Cup" : "League"}: FC Tribune — ${fixture.opponent}`;
  return { lineNo: 1, sku: `TICKET-${fixture.code.toUpperCase()}`, name, category: "ticket", quantity: count, price };
}

export function seasonTicketLine(stand: Stand, seasonKey: string, loyaltyDiscount: boolean): LineIntent {
  const [code, name, price] = STANDS[stand];
  return {
    lineNo: 1,
    sku: `SEASON-${seasonKey.replace("/", "-")}-${code}`,
    name: `Season ticket ${seasonKey}, ${name}`,
    category: "season-ticket",
    quantity: 1,
    price: loyaltyDiscount ? Math.round(price * 0.9) : price,
  };
}
