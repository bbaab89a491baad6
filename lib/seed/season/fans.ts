// The club's fans: who they are (names, phones, emails, consents, when and where they joined)
// and how they follow the club season by season (a season ticket and its stand, how often they
// come, how much they shop, whether they drop in at the bar or the coffee shop).
import { Faker, en, ru } from "@faker-js/faker";
import { cardNumberFromSerial } from "@/lib/cards/card-number";
import type { SeededIds } from "./ids";
import { Rng } from "./rng";
import type { Stand } from "./products";
import { DAY, type SeasonTimeline } from "./timeline";

export type FanKind = "demo" | "vip" | "holder" | "regular" | "occasional" | "shopper" | "local" | "lapsed" | "newcomer";

export interface SeasonHabit {
  /** A season ticket for this stand, or none. */
  stand: Stand | null;
  /** Chance to come to a home league match (cup ties: half of it, and a ticket is needed). */
  attend: number;
  /** Seats bought per ticket receipt (the fan plus friends or family). */
  party: number;
  /** Chance the fan's own receipt pays the tickets (else a friend bought them). */
  ownTickets: number;
}

export interface Fan {
  index: number;
  id: string;
  kind: FanKind;
  phone: string;
  firstName: string;
  lastName: string;
  email: string | null;
  createdAt: Date;
  /** Stored as a date (its UTC day): birthday promotions look at it. */
  birthDate: Date;
  channel: "pos" | "web" | "app" | "ticketing" | "import";
  /** From the old fan card (joined before Tribune). */
  legacy: boolean;
  previous: SeasonHabit | null;
  current: SeasonHabit | null;
  /** Merchandise receipts per season (expected), and the share bought online. */
  merch: number;
  online: number;
  /** Visits per month to the sports bar / the coffee shop (expected). */
  pub: number;
  coffee: number;
  /** Chance to spend points when a till allows it. */
  redeemer: number;
  /** The language the fan reads and writes in ("ru" or "en"); set with the customer row. */
  locale: string;
}

export interface CustomerRow {
  id: string;
  programId: string;
  phone: string;
  phoneVerifiedAt: Date;
  email: string | null;
  emailVerifiedAt: Date | null;
  firstName: string;
  lastName: string;
  birthDate: Date;
  gender: string;
  registrationChannel: string;
  registeredStoreId: string | null;
  emailConsent: boolean;
  emailConsentAt: Date | null;
  smsConsent: boolean;
  smsConsentAt: Date | null;
  locale: string;
  createdAt: Date;
}

export interface CardRow {
  id: string;
  programId: string;
  customerId: string;
  number: string;
  qrToken: string;
  issuedAt: Date;
}

export const DEMO_FAN = { phone: "+79990000001", email: "fan@tribune.demo", firstName: "Иван", lastName: "Петров" };

/** Phones of the demo data set: +7999 and the fan's number (the README and the e2e tests use them). */
export const fanPhone = (i: number) =>
  i === 1
    ? DEMO_FAN.phone
    : `+7999${String(1000000 + i)
        .slice(1)
        .padStart(7, "0")}`;

const KINDS: [FanKind, number][] = [
  ["vip", 1.8],
  ["holder", 19],
  ["regular", 11],
  ["occasional", 19],
  ["shopper", 7],
  ["local", 6],
  ["lapsed", 20.2],
  ["newcomer", 16],
];

function habitFor(kind: FanKind, rng: Rng, season: "previous" | "current"): SeasonHabit | null {
  const stand = (): Stand =>
    rng.weighted([
      ["north", 30],
      ["east", 33],
      ["west", 23],
      ["central", 14],
    ] as const);
  switch (kind) {
    case "vip":
      return { stand: "vip", attend: rng.normal(0.88, 0.08, 0.6, 1), party: rng.int(1, 3), ownTickets: 1 };
    case "holder":
      return { stand: stand(), attend: rng.normal(0.9, 0.08, 0.45, 1), party: rng.int(1, 2), ownTickets: 0.9 };
    case "regular":
      return {
        stand: null,
        attend: rng.normal(0.68, 0.14, 0.3, 0.97),
        party: rng.weighted([
          [1, 4],
          [2, 4],
          [3, 1],
          [4, 1],
        ] as const),
        ownTickets: 0.4,
      };
    case "occasional":
      return { stand: null, attend: rng.normal(0.16, 0.06, 0.04, 0.32), party: rng.int(1, 3), ownTickets: 0.55 };
    case "shopper":
      return { stand: null, attend: rng.chance(0.3) ? 0.06 : 0, party: 1, ownTickets: 1 };
    case "local":
      return { stand: null, attend: rng.normal(0.12, 0.05, 0, 0.3), party: rng.int(1, 3), ownTickets: 0.8 };
    case "lapsed":
      return season === "previous" && rng.chance(0.35) ? { stand: null, attend: rng.normal(0.08, 0.04, 0.02, 0.2), party: 1, ownTickets: 0.8 } : null;
    case "newcomer":
      return season === "current" ? { stand: rng.chance(0.08) ? "north" : null, attend: rng.normal(0.35, 0.15, 0.08, 0.8), party: rng.int(1, 3), ownTickets: 0.65 } : null;
    default:
      return null;
  }
}

/** Season to season: some season-ticket holders do not renew, some regulars buy one. */
function nextSeason(kind: FanKind, prev: SeasonHabit | null, rng: Rng): SeasonHabit | null {
  if (!prev) return kind === "newcomer" ? null : habitFor(kind, rng, "current");
  if (kind === "lapsed") return null;
  if (prev.stand && rng.chance(kind === "vip" ? 0.06 : 0.12)) return { ...prev, stand: null, attend: prev.attend * 0.5, ownTickets: 0.8 };
  if (!prev.stand && kind === "regular" && rng.chance(0.1)) return { ...prev, stand: rng.pick(["north", "east"] as const), attend: Math.min(1, prev.attend + 0.2) };
  if (kind === "occasional" && rng.chance(0.3)) return null;
  return { ...prev, attend: Math.min(1, Math.max(0, prev.attend + rng.normal(0, 0.08))) };
}

export function generateFans(opts: { count: number; programId: string; timeline: SeasonTimeline; seed: string; ids: SeededIds; storeIds: Map<string, string> }) {
  const { timeline: t, ids } = opts;
  const rng = new Rng(`fans:${opts.seed}`);
  const faker = new Faker({ locale: [ru, en] });
  faker.seed(20261122);
  const fans: Fan[] = [];
  const customers: CustomerRow[] = [];
  const cards: CardRow[] = [];
  const emails = new Set<string>();
  const oldest = new Date(t.launch.getTime() - 8 * 365 * DAY);
  const regStores = ["stadium-shop", "ticket-office", "web-shop", "ticket-site"];
  for (let i = 1; i <= opts.count; i++) {
    const r = rng.fork(i);
    const demo = i === 1;
    const kind: FanKind = demo ? "demo" : r.weighted(KINDS);
    const legacy = demo || kind === "lapsed" || (kind !== "newcomer" && r.chance(kind === "vip" || kind === "holder" ? 0.85 : 0.5));
    let createdAt: Date;
    if (demo) createdAt = new Date(t.launch.getTime() - 6 * 365 * DAY);
    else if (legacy) createdAt = new Date(oldest.getTime() + r.next() * (t.launch.getTime() - oldest.getTime()));
    else if (kind === "newcomer") createdAt = new Date(t.current.start.getTime() - 20 * DAY + r.next() ** 0.8 * (t.now.getTime() - t.current.start.getTime() + 20 * DAY - 3600_000));
    else createdAt = new Date(t.launch.getTime() + r.next() * (t.current.start.getTime() - t.launch.getTime()));
    const channel: Fan["channel"] = demo
      ? "web"
      : legacy
        ? "import"
        : r.weighted([
            ["web", 35],
            ["ticketing", 25],
            ["pos", 20],
            ["app", 20],
          ] as const);
    const sex = r.chance(kind === "vip" || kind === "holder" ? 0.78 : 0.66) ? "male" : "female";
    const firstName = demo ? "Иван" : faker.person.firstName(sex);
    const lastName = demo ? "Петров" : faker.person.lastName(sex);
    let email: string | null = demo
      ? DEMO_FAN.email
      : r.chance(0.72)
        ? `${faker.internet
            .username({ firstName: faker.string.alpha(5), lastName: String(i) })
            .toLowerCase()
            .replace(/[^a-z0-9._-]/g, "")}@${r.pick(["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru"])}`
        : null;
    if (email && emails.has(email)) email = null;
    if (email) emails.add(email);
    const previous = demo ? null : habitFor(kind, r, "previous");
    const birthDate = faker.date.birthdate({ min: 16, max: 72, mode: "age", refDate: t.now });
    const fan: Fan = {
      index: i,
      id: ids.id("cus", createdAt),
      kind,
      phone: fanPhone(i),
      firstName,
      lastName,
      email,
      createdAt,
      birthDate,
      channel,
      legacy,
      previous,
      current: demo ? null : nextSeason(kind, previous, r),
      merch: demo
        ? 0
        : kind === "shopper"
          ? r.normal(2.2, 1, 0.7, 6)
          : kind === "vip"
            ? r.normal(3, 1, 1, 6)
            : kind === "holder"
              ? r.normal(1.6, 0.8, 0, 4)
              : kind === "lapsed"
                ? 0.1
                : r.normal(0.45, 0.3, 0, 1.6),
      online: kind === "shopper" ? 0.85 : r.normal(0.4, 0.2, 0, 1),
      pub: demo ? 0 : kind === "local" ? r.normal(0.32, 0.15, 0.08, 1) : kind === "lapsed" ? 0 : r.chance(0.1) ? r.normal(0.06, 0.03, 0.02, 0.2) : 0,
      coffee: demo ? 0 : kind === "local" ? r.normal(0.16, 0.08, 0.04, 0.6) : kind === "lapsed" ? 0 : r.chance(0.06) ? r.normal(0.06, 0.03, 0.02, 0.2) : 0,
      redeemer: r.normal(0.35, 0.25, 0, 0.95),
      locale: "ru",
    };
    fans.push(fan);
    const emailConsent = demo || (email !== null && r.chance(0.62));
    const smsConsent = demo || r.chance(0.48);
    customers.push({
      id: fan.id,
      programId: opts.programId,
      phone: fan.phone,
      phoneVerifiedAt: createdAt,
      email,
      emailVerifiedAt: email ? createdAt : null,
      firstName,
      lastName,
      birthDate,
      gender: sex === "female" ? "f" : "m",
      registrationChannel: channel,
      registeredStoreId: channel === "pos" || channel === "ticketing" ? (opts.storeIds.get(r.pick(regStores)) ?? null) : null,
      emailConsent,
      emailConsentAt: emailConsent ? createdAt : null,
      smsConsent,
      smsConsentAt: smsConsent ? createdAt : null,
      locale: (fan.locale = r.chance(0.93) ? "ru" : "en"),
      createdAt,
    });
    cards.push({
      id: ids.id("crd", createdAt),
      programId: opts.programId,
      customerId: fan.id,
      number: cardNumberFromSerial(i),
      qrToken: r.string(24, "abcdefghijklmnopqrstuvwxyz0123456789"),
      issuedAt: createdAt,
    });
  }
  return { fans, customers, cards };
}
