// The demo data set: the football club program, its staff and 2,000+ fans with cards.
// Deterministic: a fixed faker seed gives the same people every time.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Faker, ru, en } from "@faker-js/faker";
import { hash } from "@node-rs/argon2";
import type { Db } from "@/lib/db/client";
import { createId } from "@/lib/ids";
import { cardNumberFromSerial } from "@/lib/cards/card-number";
import { applyProgram } from "@/lib/program/apply-program";
import { seedHistory } from "./seed-history";
import type { Prisma } from "@/lib/generated/prisma/client";
import { seedEngagement } from "./seed-engagement";

export const DEMO_PASSWORD = "tribune-demo";
export const DEMO_PROGRAM_FILE = "programs/football-club.json";
/** The fan the README and the e2e tests sign in as. */
export const DEMO_FAN = { phone: "+79990000001", email: "fan@tribune.demo", firstName: "Иван", lastName: "Петров" };

export const DEMO_STAFF = [
  { email: "owner@tribune.demo", name: "Olga Owner", role: "owner" },
  { email: "marketer@tribune.demo", name: "Marina Marketer", role: "marketer" },
  { email: "support@tribune.demo", name: "Sergey Support", role: "support" },
  { email: "analyst@tribune.demo", name: "Anna Analyst", role: "analyst" },
] as const;

export interface SeedOptions {
  customers?: number;
  /** Fans (besides the demo fan) that get receipts and visits replayed through the domain (default 100). */
  historyFans?: number;
  log?: (line: string) => void;
  now?: Date;
}

export function readProgramFile(file: string): unknown {
  return JSON.parse(readFileSync(path.resolve(process.cwd(), file), "utf8"));
}

export async function seedDemo(db: Db, opts: SeedOptions = {}) {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? new Date();
  const faker = new Faker({ locale: [ru, en] });
  faker.seed(20261122);

  const applied = await applyProgram(db, readProgramFile(DEMO_PROGRAM_FILE), { note: "demo seed", now: new Date(now.getTime() - 3 * 365 * 86400_000) });
  const programId = applied.programId;
  log(`program ${applied.code} v${applied.version}`);

  const partners = await db.partner.findMany({ where: { programId }, orderBy: { code: "asc" } });
  const passwordHash = await hash(DEMO_PASSWORD);
  const staff = [
    ...DEMO_STAFF.map((s) => ({ ...s, partnerId: null as string | null })),
    ...partners.map((p) => ({
      email: `${p.code}@tribune.demo`,
      name: `${p.name} manager`,
      role: "partner_manager" as const,
      partnerId: p.id,
    })),
  ];
  for (const s of staff) {
    await db.staffUser.upsert({
      where: { email: s.email },
      update: {},
      create: { id: createId("stf"), programId, email: s.email, name: s.name, role: s.role, partnerId: s.partnerId, passwordHash },
    });
  }
  log(`${staff.length} staff accounts`);

  const count = opts.customers ?? 2000;
  const stores = await db.store.findMany({ where: { programId }, select: { id: true } });
  const customers: Prisma.CustomerCreateManyInput[] = [];
  const cards: Prisma.CardCreateManyInput[] = [];
  const channels = ["pos", "web", "app", "ticketing", "pos", "web"] as const;
  const usedEmails = new Set<string>();
  for (let i = 1; i <= count; i++) {
    const first = i === 1;
    const sex = faker.person.sexType();
    const firstName = first ? DEMO_FAN.firstName : faker.person.firstName(sex);
    const lastName = first ? DEMO_FAN.lastName : faker.person.lastName(sex);
    const createdAt = first ? new Date(now.getTime() - 2 * 365 * 86400_000) : faker.date.between({ from: new Date(now.getTime() - 3 * 365 * 86400_000), to: now });
    let email: string | null = first ? DEMO_FAN.email : faker.helpers.maybe(() => faker.internet.email({ firstName: faker.string.alpha(6), lastName: String(i) }).toLowerCase(), { probability: 0.7 }) ?? null;
    if (email && usedEmails.has(email)) email = null;
    if (email) usedEmails.add(email);
    const emailConsent = first || faker.datatype.boolean(0.6);
    const smsConsent = first || faker.datatype.boolean(0.5);
    const id = createId("cus", createdAt.getTime());
    customers.push({
      id,
      programId,
      phone: first ? DEMO_FAN.phone : `+7999${String(1000000 + i).slice(1).padStart(7, "0")}`,
      phoneVerifiedAt: createdAt,
      email,
      emailVerifiedAt: email ? createdAt : null,
      firstName,
      lastName,
      birthDate: faker.date.birthdate({ min: 16, max: 70, mode: "age", refDate: now }),
      gender: sex === "female" ? "f" : "m",
      registrationChannel: first ? "web" : faker.helpers.arrayElement(channels),
      registeredStoreId: faker.helpers.arrayElement(stores).id,
      emailConsent,
      emailConsentAt: emailConsent ? createdAt : null,
      smsConsent,
      smsConsentAt: smsConsent ? createdAt : null,
      locale: "ru",
      createdAt,
    });
    cards.push({
      id: createId("crd", createdAt.getTime()),
      programId,
      customerId: id,
      number: cardNumberFromSerial(i),
      qrToken: faker.string.alphanumeric({ length: 24, casing: "lower" }),
      issuedAt: createdAt,
    });
  }
  for (let i = 0; i < customers.length; i += 1000) {
    await db.customer.createMany({ data: customers.slice(i, i + 1000) });
    await db.card.createMany({ data: cards.slice(i, i + 1000) });
  }
  log(`${count} fans with cards`);
  await seedHistory(db, { programId, demoFanId: customers[0].id, fanIds: customers.slice(1, 1 + (opts.historyFans ?? 100)).map((c) => c.id), now, log });
  await seedEngagement(db, { programId, demoFanPhone: DEMO_FAN.phone, now, log });
  return { programId };
}

/** True when the database has no program yet (the demo seeds only then). */
export async function isEmpty(db: Db) {
  return (await db.program.count()) === 0;
}
