import { describe, expect, it } from "vitest";
import { REFERENCE_PROGRAMS, referenceProgramJson } from "@/lib/rules/reference-programs";
import { canonicalDefinition, diffDefinitions, parseProgramDefinition, resolveTimeZone, type ProgramDefinition } from "./definition";

/** The example of CONTRACTS.md, verbatim. */
const CONTRACT_EXAMPLE = {
  code: "ua",
  name: "UA Club",
  currency: "RUB",
  timezone: "Europe/Moscow",
  pointValue: 100,
  qualification: { period: "lifetime" },
  tiers: [
    { code: "participant", name: "Participant", earnRate: 0, canRedeem: false },
    { code: "bronze", name: "Bronze", qualify: { spend: 1000000 }, earnRate: 3, maxRedeemShare: 30 },
    { code: "silver", name: "Silver", qualify: { spend: 3000000 }, earnRate: 5, maxRedeemShare: 30 },
    { code: "gold", name: "Gold", qualify: { spend: 7000000 }, earnRate: 7, maxRedeemShare: 30 },
  ],
  earning: { base: "paid", excludedCategories: ["gift-card"], activation: { afterDays: 0 } },
  redemption: { requiresCode: true, excludedStoreTags: ["outlet"] },
  expiry: { months: 12 },
};

type Json = Record<string, any>;

function parsed(json: unknown): ProgramDefinition {
  const r = parseProgramDefinition(json);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

function errorsOf(mutate: (d: Json) => void) {
  const d = structuredClone(CONTRACT_EXAMPLE) as Json;
  mutate(d);
  const r = parseProgramDefinition(d);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors;
}

describe("program definition", () => {
  it.each(REFERENCE_PROGRAMS)("parses programs/%s.json", (name) => {
    const r = parseProgramDefinition(referenceProgramJson(name));
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it("parses the contract's example and fills the defaults", () => {
    const d = parsed(CONTRACT_EXAMPLE);
    expect(d.tiers[1]).toMatchObject({ canRedeem: true, earnRates: {}, benefits: [] });
    expect(d.redemption).toEqual({ requiresCode: true, excludedStoreTags: ["outlet"], maxShare: 100, minPoints: 0 });
    expect(d.partnerRateMode).toBe("max");
    expect(d.stores).toEqual([]);
  });

  it("takes program-authored texts as one string or one per language", () => {
    const d = parsed({
      ...CONTRACT_EXAMPLE,
      tagline: { en: "Train more", ru: "Тренируйтесь больше" },
      tiers: [
        { code: "participant", name: "Participant", earnRate: 0, benefits: ["Points start later"] },
        { code: "gold", name: { en: "Gold", ru: "Золото" }, qualify: { spend: 1 }, earnRate: 7, benefits: [{ en: "7% back", ru: "7% баллами" }, "Free alterations"] },
      ],
    });
    expect(d.tagline).toEqual({ en: "Train more", ru: "Тренируйтесь больше" });
    expect(d.tiers[0].name).toBe("Participant");
    expect(d.tiers[1].name).toEqual({ en: "Gold", ru: "Золото" });
    expect(d.tiers[1].benefits).toEqual([{ en: "7% back", ru: "7% баллами" }, "Free alterations"]);
    // A record survives the canonical form and the JSON round trip of the console's editor.
    expect(parsed(JSON.parse(JSON.stringify(canonicalDefinition(d))))).toEqual(d);
  });

  it.each<[string, unknown, string, RegExp]>([
    ["an unknown language", { en: "Gold", de: "Gold" }, "tiers[1].name.de", /unknown language "de"/],
    ["an empty translation", { en: "Gold", ru: " " }, "tiers[1].name.ru", /non-empty/],
    ["a translation that is not text", { en: "Gold", ru: 7 }, "tiers[1].name.ru", /non-empty/],
    ["no language at all", {}, "tiers[1].name", /at least one language/],
    ["neither text nor record", ["Gold"], "tiers[1].name", /one per language/],
    ["an empty name", "  ", "tiers[1].name", /must not be empty/],
  ])("refuses a localized text with %s, at its path", (_, name, path, message) => {
    const errors = errorsOf((d) => (d.tiers[1].name = name));
    expect(errors).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }));
  });

  it("reports a bad benefit translation at its index and language", () => {
    const errors = errorsOf((d) => (d.tiers[2].benefits = ["5% back", { en: "Free parking", xx: "?" }]));
    expect(errors).toContainEqual(expect.objectContaining({ path: "tiers[2].benefits[1].xx", message: expect.stringMatching(/unknown language/) }));
  });

  it("gives a store without a time zone the program's", () => {
    const d = parsed({ ...CONTRACT_EXAMPLE, stores: [{ code: "msk-01" }] });
    expect(d.stores[0]).toEqual({ code: "msk-01", timezone: "Europe/Moscow", tags: [] });
  });

  it.each<[string, (d: Json) => void, string, RegExp]>([
    ["non-integer money", (d) => (d.tiers[2].qualify.spend = 3000000.5), "tiers[2].qualify.spend", /integer/],
    ["negative visits", (d) => (d.tiers[2].qualify = { visits: -1 }), "tiers[2].qualify.visits", /negative/],
    ["empty qualify", (d) => (d.tiers[3].qualify = {}), "tiers[3].qualify", /at least one/],
    ["thresholds and any together", (d) => (d.tiers[3].qualify = { spend: 1, any: [{ visits: 1 }] }), "tiers[3].qualify.any", /not both/],
    ["empty alternative", (d) => (d.tiers[3].qualify = { any: [{}] }), "tiers[3].qualify.any[0]", /at least one/],
    ["missing qualify", (d) => delete d.tiers[2].qualify, "tiers[2].qualify", /needs `qualify`/],
    ["qualify on the entry tier", (d) => (d.tiers[0].qualify = { spend: 1 }), "tiers[0].qualify", /entry tier/],
    ["duplicate tier code", (d) => (d.tiers[3].code = "bronze"), "tiers[3].code", /duplicate tier code "bronze"/],
    ["rate above 100", (d) => (d.tiers[1].earnRate = 101), "tiers[1].earnRate", /between 0 and 100/],
    ["three decimals", (d) => (d.tiers[1].earnRate = 2.555), "tiers[1].earnRate", /two decimals/],
    ["missing rate", (d) => delete d.tiers[1].earnRate, "tiers[1].earnRate", /required/],
    ["category rate", (d) => (d.tiers[1].earnRates = { merch: -1 }), "tiers[1].earnRates.merch", /between 0 and 100/],
    ["share above 100", (d) => (d.redemption.maxShare = 130), "redemption.maxShare", /between 0 and 100/],
    ["lower-case currency", (d) => (d.currency = "rub"), "currency", /ISO 4217/],
    ["unknown time zone", (d) => (d.timezone = "Europe/Atlantis"), "timezone", /unknown IANA time zone/],
    ["mis-cased time zone", (d) => (d.timezone = "europe/moscow"), "timezone", /Europe\/Moscow/],
    ["unknown period", (d) => (d.qualification.period = "year"), "qualification.period", /calendar-year/],
    ["bad season month", (d) => (d.qualification.period = { season: { startMonth: 13 } }), "qualification.period.season.startMonth", /1–12/],
    ["February 30", (d) => (d.qualification.period = { season: { startMonth: 2, startDay: 30 } }), "qualification.period.season.startDay", /no such day/],
    ["bad activation", (d) => (d.earning.activation = { on: "scan" }), "earning.activation", /afterDays/],
    ["bad category activation", (d) => (d.earning.activationByCategory = { ticket: { afterDays: -2 } }), "earning.activationByCategory.ticket.afterDays", /negative/],
    ["bad expiry", (d) => (d.expiry = { days: 30 }), "expiry", /months/],
    ["endOfPeriod with lifetime", (d) => (d.expiry = { endOfPeriod: true }), "expiry.endOfPeriod", /never ends/],
    ["unknown field", (d) => (d.tiers[1].earnrate = 3), "tiers[1].earnrate", /unknown field/],
    ["spendCategories inside qualify", (d) => (d.tiers[1].qualify.spendCategories = ["merch"]), "tiers[1].qualify.spendCategories", /on the tier/],
    ["store of an unknown partner", (d) => (d.stores = [{ code: "a", partner: "coffee", timezone: "Europe/Moscow" }]), "stores[0].partner", /unknown partner "coffee"/],
    ["duplicate store", (d) => (d.stores = [{ code: "a" }, { code: "a" }]), "stores[1].code", /duplicate store/],
    ["store time zone", (d) => (d.stores = [{ code: "a", timezone: "Moscow" }]), "stores[0].timezone", /IANA/],
    [
      "duplicate partner",
      (d) =>
        (d.partners = [
          { code: "p", name: "P", earnRate: 1 },
          { code: "p", name: "Q", earnRate: 2 },
        ]),
      "partners[1].code",
      /duplicate partner/,
    ],
    ["partner rate", (d) => (d.partners = [{ code: "p", name: "P", earnRate: "5" }]), "partners[0].earnRate", /percentage/],
    ["zero point value", (d) => (d.pointValue = 0), "pointValue", /at least 1/],
    ["no tiers", (d) => (d.tiers = []), "tiers", /at least one tier/],
    ["bad kind", (d) => (d.kind = "bank"), "kind", /./],
  ])("reports %s at its path", (_, mutate, path, message) => {
    const errors = errorsOf(mutate);
    const hit = errors.find((e) => e.path === path);
    expect(hit, JSON.stringify(errors)).toBeDefined();
    expect(hit!.message).toMatch(message);
  });

  it("lists every problem in one answer", () => {
    const errors = errorsOf((d) => {
      d.currency = "rub";
      d.tiers[3].code = "bronze";
      d.tiers[2].qualify.spend = -1;
      delete d.name;
    });
    expect(errors.map((e) => e.path).sort()).toEqual(["currency", "name", "tiers[2].qualify.spend", "tiers[3].code"]);
  });

  it("does not require increasing thresholds (two criteria can trade off)", () => {
    const r = parseProgramDefinition({
      ...CONTRACT_EXAMPLE,
      tiers: [CONTRACT_EXAMPLE.tiers[0], { code: "a", name: "A", earnRate: 1, qualify: { spend: 500, visits: 9 } }, { code: "b", name: "B", earnRate: 2, qualify: { spend: 400, visits: 10 } }],
    });
    expect(r.ok).toBe(true);
  });

  it("rejects what is not an object", () => {
    expect(parseProgramDefinition(null)).toEqual({ ok: false, errors: [expect.objectContaining({ path: "(root)", message: "a program definition must be a JSON object" })] });
    expect(parseProgramDefinition([])).toMatchObject({ ok: false });
  });

  it("checks time zones with Intl", () => {
    expect(resolveTimeZone("Asia/Kamchatka")).toBe("Asia/Kamchatka");
    expect(resolveTimeZone("Mars/Olympus")).toBeNull();
  });
});

describe("canonical definition", () => {
  it("is the same for equal definitions written differently", () => {
    const a = structuredClone(CONTRACT_EXAMPLE) as Json;
    const b: Json = {};
    for (const k of Object.keys(a).reverse()) b[k] = a[k];
    delete b.pointValue; // the default
    b.earning = { activation: { afterDays: 0 }, excludedCategories: ["gift-card", "gift-card"] }; // base "paid" is the default
    b.redemption = { excludedStoreTags: ["outlet"], requiresCode: true, maxShare: 100 };
    b.stores = [];
    expect(JSON.stringify(canonicalDefinition(b))).toBe(JSON.stringify(canonicalDefinition(a)));
  });

  it("is a fixed point and re-parses to itself", () => {
    for (const name of REFERENCE_PROGRAMS) {
      const once = canonicalDefinition(referenceProgramJson(name));
      expect(canonicalDefinition(once)).toEqual(once);
      expect(JSON.stringify(canonicalDefinition(JSON.parse(JSON.stringify(once))))).toBe(JSON.stringify(once));
    }
  });

  it("sorts keys and set-like lists but keeps the order of tiers and benefits", () => {
    const c = canonicalDefinition({ ...CONTRACT_EXAMPLE, earning: { excludedCategories: ["tobacco", "deposit"] } });
    expect(Object.keys(c)).toEqual([...Object.keys(c)].sort());
    expect(c.earning.excludedCategories).toEqual(["deposit", "tobacco"]);
    expect(c.tiers.map((t) => t.code)).toEqual(["participant", "bronze", "silver", "gold"]);
  });

  it("throws invalid_request for an invalid definition", () => {
    expect(() => canonicalDefinition({ code: "x" })).toThrow(expect.objectContaining({ code: "invalid_request" }));
  });
});

describe("diffDefinitions", () => {
  it("is empty for equal definitions", () => {
    expect(diffDefinitions(CONTRACT_EXAMPLE, canonicalDefinition(CONTRACT_EXAMPLE))).toEqual([]);
  });

  it("lists changed fields with paths, and an inserted tier as one addition", () => {
    const b = structuredClone(CONTRACT_EXAMPLE) as Json;
    b.tiers[2].earnRate = 6;
    b.tiers.splice(1, 0, { code: "starter", name: "Starter", earnRate: 1, qualify: { spend: 500000 } });
    b.redemption.excludedStoreTags = ["outlet", "kiosk"];
    b.expiry = null;
    const diff = diffDefinitions(CONTRACT_EXAMPLE, b);
    expect(diff).toEqual([
      { path: "expiry", before: { months: 12 }, after: null },
      { path: "redemption.excludedStoreTags", before: ["outlet"], after: ["kiosk", "outlet"] },
      { path: "tiers[].code", before: ["participant", "bronze", "silver", "gold"], after: ["participant", "starter", "bronze", "silver", "gold"] },
      { path: "tiers[1]", before: undefined, after: expect.objectContaining({ code: "starter" }) },
      { path: "tiers[3].earnRate", before: 5, after: 6 },
    ]);
  });

  it("reports removed stores and added optional fields", () => {
    const a = { ...CONTRACT_EXAMPLE, stores: [{ code: "a" }, { code: "b" }] };
    const b = { ...CONTRACT_EXAMPLE, tagline: "Run", stores: [{ code: "b" }] };
    expect(diffDefinitions(a, b)).toEqual([
      { path: "stores[].code", before: ["a", "b"], after: ["b"] },
      { path: "stores[0]", before: { code: "a", tags: [], timezone: "Europe/Moscow" }, after: undefined },
      { path: "tagline", before: undefined, after: "Run" },
    ]);
  });
});

describe("communications and surveys (CONTRACTS.md: Messages, surveys and jobs)", () => {
  it("default to no quiet hours, no cap and no survey", () => {
    const d = parsed(CONTRACT_EXAMPLE);
    expect(d.communications).toEqual({ quietHours: null, marketingPerWeek: null });
    expect(d.surveys).toEqual({});
  });

  it("parse the contract's example", () => {
    const d = parsed({
      ...CONTRACT_EXAMPLE,
      communications: { quietHours: { from: "21:00", to: "09:00" }, marketingPerWeek: 3 },
      surveys: { nps: { afterHours: 12, onlyValidatedVisits: true, staffEmails: ["reviews@park.example"], dailyReportAt: "09:00" } },
    });
    expect(d.communications).toEqual({ quietHours: { from: "21:00", to: "09:00" }, marketingPerWeek: 3 });
    expect(d.surveys.nps).toEqual({ afterHours: 12, onlyValidatedVisits: true, staffEmails: ["reviews@park.example"], dailyReportAt: "09:00" });
  });

  it.each([
    [(d: Json) => (d.communications = { quietHours: { from: "25:00", to: "09:00" } }), "communications.quietHours.from", /HH:MM/],
    [(d: Json) => (d.communications = { quietHours: { from: "21:00", to: "21:00" } }), "communications.quietHours.to", /different start and end/],
    [(d: Json) => (d.communications = { marketingPerWeek: 2.5 }), "communications.marketingPerWeek", /whole number/],
    [(d: Json) => (d.communications = { marketingPerWeek: -1 }), "communications.marketingPerWeek", /negative/],
    [(d: Json) => (d.communications = { quiet: true }), "communications.quiet", /unknown field/],
    [(d: Json) => (d.surveys = { nps: { staffEmails: ["not-an-email"] } }), "surveys.nps.staffEmails[0]", /email/],
    [(d: Json) => (d.surveys = { nps: { dailyReportAt: "9am" } }), "surveys.nps.dailyReportAt", /HH:MM/],
  ])("reports %#: %s", (mutate, path, message) => {
    expect(errorsOf(mutate)).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }));
  });
});
