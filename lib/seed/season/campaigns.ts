// The club's dated campaigns, relative to the demo's "now" (the promotions file holds the
// always-on ones): Black Friday online, the new kit's launch and the New Year gifts, every
// occurrence from the move to Tribune to two months ahead — so the console's calendar has
// campaigns that ended, one that may be running and planned ones, and the season's receipts
// use each in its own dates.
import type { PromotionDefinition } from "@/lib/promotions/definition";
import { zonedParts, zonedTimeToInstant } from "@/lib/time";
import { DAY, type SeasonTimeline } from "./timeline";

type Campaign = Omit<PromotionDefinition, "validity" | "status" | "trigger"> & { validity: { from: string; to: string } };

/** An instant as an ISO date-time with the program zone's offset ("2026-11-22T00:00:00+03:00"). */
function isoIn(tz: string, at: Date): string {
  const p = zonedParts(at, tz);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offset = Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0");
  const mm = String(Math.abs(offset) % 60).padStart(2, "0");
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}${sign}${hh}:${mm}`;
}

export function seasonCampaigns(t: SeasonTimeline, program: string): { program: string; promotions: Campaign[] } {
  const tz = t.timeZone;
  const first = zonedParts(t.launch, tz).year;
  const last = zonedParts(new Date(t.now.getTime() + 60 * DAY), tz).year;
  const horizon = t.now.getTime() + 60 * DAY;
  const promotions: Campaign[] = [];
  const at = (y: number, m: number, d: number) => zonedTimeToInstant(tz, y, m, d);
  const add = (from: Date, to: Date, c: Omit<Campaign, "validity">) => {
    if (to.getTime() <= t.launch.getTime() || from.getTime() > horizon) return;
    promotions.push({ ...c, validity: { from: isoIn(tz, from), to: isoIn(tz, to) } });
  };
  for (let y = first; y <= last; y++) {
    add(at(y, 7, 20), at(y, 8, 11), {
      code: `new-kit-${y}`,
      name: { en: `New kit ${y}: double points on jerseys`, ru: `Новая форма ${y}: двойные баллы за футболки` },
      basket: { items: { skus: ["JERSEY-HOME", "JERSEY-AWAY", "JERSEY-KIDS"] } },
      where: { stores: ["stadium-shop", "web-shop"] },
      effect: { type: "pointsMultiplier", multiplier: 2 },
      stacking: { priority: 20, group: "points-boost", exclusive: false },
    });
    add(at(y, 11, 22), at(y, 12, 2), {
      code: `black-friday-${y}`,
      name: { en: `Black Friday ${y}: 20% off merch online`, ru: `Чёрная пятница ${y}: скидка 20% на атрибутику онлайн` },
      where: { stores: ["web-shop"] },
      basket: { items: { categories: ["merch"] } },
      audience: { holdoutPercent: 10 },
      effect: { type: "percentOff", percent: 20 },
      stacking: { priority: 40, group: "merch-discount", exclusive: false },
      limits: { budget: { money: 150_000_000 } },
    });
    add(at(y, 12, 15), at(y + 1, 1, 9), {
      code: `new-year-gifts-${y}`,
      name: { en: `New Year gifts: 1,000 RUB off merch from 7,000 RUB`, ru: `Новогодние подарки: 1 000 ₽ скидки на атрибутику от 7 000 ₽` },
      where: { stores: ["stadium-shop", "web-shop"] },
      basket: { minAmount: 700_000, items: { categories: ["merch"] } },
      effect: { type: "amountOff", amount: 100_000 },
      limits: { perCustomer: { uses: 1, period: "promotion" }, total: 3000 },
    });
  }
  return { program, promotions };
}
