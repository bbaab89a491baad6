import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileSegment, countQuery, membersQuery, zeroMatches, type SegmentContext } from "./compile";
import { parseSegmentDefinition, segmentDefinitionOrThrow, SEGMENT_LIMITS, type SegmentDefinition } from "./definition";

const ctx: SegmentContext = { programId: "prg_1", now: new Date("2026-11-23T12:00:00Z"), timeZone: "Europe/Moscow", entryTier: "novice" };

const HOSTILE = [
  '\'; DROP TABLE "Customer"; --',
  "x' OR '1'='1",
  '"); DELETE FROM "Account"; --',
  "$1",
  "$2::text",
  "\\'; SELECT pg_sleep(10); --",
  "Ёлка 🎄 日本語 \u202e\u0000",
  "/* comment */",
  'merch\nUNION SELECT * FROM "StaffUser"',
];

function everyKind(text: string, n: number): SegmentDefinition {
  return segmentDefinitionOrThrow({
    kind: "group",
    op: "and",
    children: [
      { kind: "tier", op: "in", tiers: [text] },
      { kind: "balance", op: "gte", value: n },
      { kind: "spend", period: { kind: "lastDays", days: 30 }, op: "between", value: n, to: n + 1 },
      { kind: "visits", period: { kind: "between", from: "2026-01-01", to: "2026-06-30" }, op: "gt", value: n },
      { kind: "receipts", period: { kind: "allTime" }, op: "lt", value: n },
      { kind: "daysSinceLastPurchase", op: "lte", value: n },
      { kind: "daysSinceLastVisit", op: "gte", value: n },
      {
        kind: "group",
        op: "or",
        children: [
          { kind: "boughtCategory", categories: [text], period: { kind: "lastDays", days: 90 } },
          { kind: "boughtSku", skus: [text, "SKU-2"], period: { kind: "lastDays", days: 90 }, negate: true },
          { kind: "boughtAtStore", stores: [text], period: { kind: "allTime" } },
          { kind: "boughtAtPartner", partners: [text], period: { kind: "allTime" } },
        ],
      },
      { kind: "birthdayMonth", months: [1, 12] },
      { kind: "birthdayWithin", days: 7 },
      { kind: "registrationChannel", channels: ["pos", "web"] },
      { kind: "registeredIn", period: { kind: "lastDays", days: 7 } },
      { kind: "consent", channel: "email", given: true },
      { kind: "rfm", r: [5], f: [4, 5], m: [] },
    ],
  });
}

describe("segment definition", () => {
  it("accepts every condition kind", () => {
    expect(() => everyKind("merch", 100)).not.toThrow();
  });

  it("rejects unknown kinds, unknown fields and wrong types with paths", () => {
    const r = parseSegmentDefinition({
      kind: "group",
      op: "and",
      children: [
        { kind: "sql", text: "1=1" },
        { kind: "balance", op: "gte", value: "10" },
        { kind: "consent", channel: "email", given: true, extra: 1 },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    expect(paths).toContain("children[0]");
    expect(paths.some((p) => p.startsWith("children[1]"))).toBe(true);
    expect(paths.some((p) => p.startsWith("children[2]"))).toBe(true);
  });

  it("rejects huge, fractional and non-finite numbers", () => {
    for (const value of [1e300, Number.MAX_SAFE_INTEGER, 1.5, Infinity, -Infinity, NaN]) {
      const r = parseSegmentDefinition({ kind: "group", op: "and", children: [{ kind: "balance", op: "gte", value }] });
      expect(r.ok, String(value)).toBe(false);
    }
    expect(parseSegmentDefinition({ kind: "group", op: "and", children: [{ kind: "spend", period: { kind: "allTime" }, op: "gte", value: 10_000_000_000_000 }] }).ok).toBe(true);
  });

  it("limits nesting depth, group size and list sizes", () => {
    let deep: unknown = { kind: "consent", channel: "sms", given: true };
    for (let i = 0; i < SEGMENT_LIMITS.depth + 1; i++) deep = { kind: "group", op: "and", children: [deep] };
    expect(parseSegmentDefinition(deep).ok).toBe(false);

    let ok: unknown = { kind: "consent", channel: "sms", given: true };
    for (let i = 0; i < SEGMENT_LIMITS.depth; i++) ok = { kind: "group", op: "and", children: [ok] };
    expect(parseSegmentDefinition(ok).ok).toBe(true);

    // 100,000 levels must fail fast, not overflow the stack.
    let abyss: unknown = {};
    for (let i = 0; i < 100_000; i++) abyss = { kind: "group", op: "and", children: [abyss] };
    expect(parseSegmentDefinition(abyss).ok).toBe(false);

    const many = { kind: "group", op: "and", children: Array.from({ length: SEGMENT_LIMITS.conditions + 1 }, () => ({ kind: "consent", channel: "sms", given: true })) };
    expect(parseSegmentDefinition(many).ok).toBe(false);
    const wide = { kind: "group", op: "and", children: [{ kind: "boughtSku", skus: Array.from({ length: SEGMENT_LIMITS.listItems + 1 }, (_, i) => `S${i}`), period: { kind: "allTime" } }] };
    expect(parseSegmentDefinition(wide).ok).toBe(false);
    const long = { kind: "group", op: "and", children: [{ kind: "boughtSku", skus: ["x".repeat(SEGMENT_LIMITS.text + 1)], period: { kind: "allTime" } }] };
    expect(parseSegmentDefinition(long).ok).toBe(false);
  });

  it("checks between bounds and date ranges", () => {
    expect(parseSegmentDefinition({ kind: "group", op: "and", children: [{ kind: "balance", op: "between", value: 10 }] }).ok).toBe(false);
    expect(parseSegmentDefinition({ kind: "group", op: "and", children: [{ kind: "balance", op: "between", value: 10, to: 5 }] }).ok).toBe(false);
    expect(parseSegmentDefinition({ kind: "group", op: "and", children: [{ kind: "registeredIn", period: { kind: "between", from: "2026-02-01", to: "2026-01-01" } }] }).ok).toBe(false);
    expect(parseSegmentDefinition({ kind: "group", op: "and", children: [{ kind: "registeredIn", period: { kind: "between", from: "2026-02-31", to: "2026-13-01" } }] }).ok).toBe(false);
  });
});

describe("segment compiler", () => {
  it("never puts a value into the SQL text: hostile values compile to the same SQL as benign ones", () => {
    const benign = compileSegment(everyKind("merch", 100), ctx);
    for (const h of HOSTILE) {
      const hostile = compileSegment(everyKind(h, 100), ctx);
      expect(hostile.where).toBe(benign.where);
      expect(hostile.where).not.toContain("DROP");
      expect(hostile.params.flat()).toContain(h.trim());
    }
  });

  it("property: any strings and numbers leave the SQL text unchanged", () => {
    const benign = compileSegment(everyKind("merch", 100), ctx).where;
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 200, unit: "binary" }).filter((s) => s.trim().length > 0),
        fc.integer({ min: 0, max: 36_500 }),
        (s, n) => {
          const c = compileSegment(everyKind(s, n), ctx);
          // Numbers decide IN vs NOT IN (is 0 inside the range?) and the recency window (past a century), never where a value goes.
          if (n > 0) expect(c.where).toBe(benign);
          expect(c.params.every((p) => typeof p !== "number")).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("binds every value with a type cast and numbers as exact strings", () => {
    const c = compileSegment(everyKind("merch", 9_999_999_999_999), ctx);
    const placeholders = [...c.where.matchAll(/\$(\d+)(::[a-z[\]]+)?/g)];
    const numbered = placeholders.filter((m) => m[1] !== "1");
    expect(numbered.every((m) => m[2])).toBe(true);
    expect(Math.max(...placeholders.map((m) => Number(m[1])))).toBe(c.params.length);
    expect(c.params).toContain("9999999999999");
    expect(c.params[0]).toBe("prg_1");
  });

  it("scopes every subquery to the program, or to the program's customer being tested", () => {
    for (const [def, activity] of [everyKind("merch", 5), { kind: "group", op: "or", children: everyKind("merch", 5).children } as SegmentDefinition].flatMap((d) => [
      [d, true] as const,
      [d, false] as const,
    ])) {
      const { sql } = countQuery(compileSegment(def, ctx, { activity }));
      const subqueries = sql.split(/FROM "(?=Purchase|Visit|CustomerTier|Account|CustomerActivity|CustomerCategoryDay)/).slice(1);
      expect(subqueries.length).toBeGreaterThan(5);
      for (const sub of subqueries) expect(sub.slice(0, 260), sub).toMatch(/"programId" = \$1|"customerId" = c\."id"/);
      expect(sql).toContain('WHERE c."programId" = $1 AND');
    }
  });

  it("compiles AND/OR structure and the empty group", () => {
    expect(compileSegment({ kind: "group", op: "and", children: [] }, ctx).where).toBe("true");
    const or = compileSegment(
      segmentDefinitionOrThrow({
        kind: "group",
        op: "or",
        children: [
          { kind: "consent", channel: "email", given: true },
          { kind: "consent", channel: "sms", given: false },
        ],
      }),
      ctx,
    );
    expect(or.where).toBe('(c."emailConsent" = $2::boolean OR c."smsConsent" = $3::boolean)');
    expect(or.params).toEqual(["prg_1", true, false]);
  });

  it("counts customers without rows as zero (anti-join) only when zero satisfies the comparison", () => {
    expect(zeroMatches({ op: "lte", value: 5 })).toBe(true);
    expect(zeroMatches({ op: "gte", value: 1 })).toBe(false);
    expect(zeroMatches({ op: "eq", value: 0 })).toBe(true);
    expect(zeroMatches({ op: "between", value: -1, to: 3 })).toBe(true);
    const receipts = (op: "eq" | "gte", value: number, activity?: boolean) =>
      compileSegment(segmentDefinitionOrThrow({ kind: "group", op: "and", children: [{ kind: "receipts", period: { kind: "allTime" }, op, value }] }), ctx, { activity }).where;
    // From the receipts (the reference) …
    expect(receipts("eq", 0, false)).toMatch(/^c."id" NOT IN \(.* HAVING NOT \(count\(\*\) = \$2::bigint\)\)$/);
    expect(receipts("gte", 2, false)).toMatch(/^c."id" IN \(.* HAVING \(count\(\*\) >= \$2::bigint\)\)$/);
    // … and from the activity summary (the default).
    expect(receipts("eq", 0)).toBe('c."id" NOT IN (SELECT a."customerId" FROM "CustomerActivity" a WHERE a."programId" = $1 AND NOT (a."receipts" = $2::bigint))');
    expect(receipts("gte", 2)).toBe('c."id" IN (SELECT a."customerId" FROM "CustomerActivity" a WHERE a."programId" = $1 AND (a."receipts" >= $2::bigint))');
  });

  it("counts a segment of summary conditions alone from the summary's rows, without a look-up per member", () => {
    const count = (children: unknown[], opts: { activity?: boolean; partnerId?: string } = {}) =>
      countQuery(compileSegment(segmentDefinitionOrThrow({ kind: "group", op: "and", children }), { ...ctx, partnerId: opts.partnerId }, { activity: opts.activity })).sql;
    const lapsed = [
      { kind: "receipts", period: { kind: "lastDays", days: 180 }, op: "eq", value: 0 },
      { kind: "receipts", period: { kind: "allTime" }, op: "gte", value: 3 },
    ];
    expect(count(lapsed)).toBe(
      'SELECT count(*)::bigint AS n FROM (SELECT a."customerId" FROM "CustomerActivity" a WHERE a."programId" = $1 AND NOT COALESCE(a."lastPurchaseAt" >= $2::timestamptz, false) AND (a."receipts" >= $3::bigint)) s',
    );
    const rfm = count([{ kind: "rfm", r: [5], f: [4, 5], m: [4, 5] }]);
    expect(rfm).toMatch(/^SELECT count\(\*\)::bigint AS n FROM \(WITH s AS MATERIALIZED/);
    // The cell's members are distinct buyers already: the count neither groups nor sorts them.
    expect(rfm).not.toContain("GROUP BY 1 ORDER BY 1");
    expect(rfm).toContain('WITH s AS MATERIALIZED (SELECT a."lastPurchaseAt" AS r,');
    expect(rfm).toContain("SELECT 1 FROM s WHERE ");
    expect(rfm).not.toContain('"Customer" c');
    for (const one of [
      [{ kind: "daysSinceLastPurchase", op: "lte", value: 30 }],
      [{ kind: "spend", period: { kind: "lastDays", days: 365 }, op: "gte", value: 1000 }],
      [{ kind: "visits", period: { kind: "allTime" }, op: "gte", value: 2 }],
    ])
      expect(count(one)).not.toContain('"Customer" c');
    // Anything else goes through the members: a condition of the customer row, a negative set
    // (members without a row count as 0), an OR, the receipts compiler, a partner's population.
    for (const sql of [
      count([...lapsed, { kind: "consent", channel: "email", given: true }]),
      count([{ kind: "receipts", period: { kind: "allTime" }, op: "lte", value: 2 }]),
      countQuery(compileSegment(segmentDefinitionOrThrow({ kind: "group", op: "or", children: lapsed as never }), ctx)).sql,
      count(lapsed, { activity: false }),
      count([{ kind: "receipts", period: { kind: "allTime" }, op: "gte", value: 3 }], { partnerId: "ptn_1" }),
    ])
      expect(sql).toContain('FROM "Customer" c WHERE c."programId" = $1 AND');
    // Member pages still read the customers.
    expect(membersQuery(compileSegment(segmentDefinitionOrThrow({ kind: "group", op: "and", children: lapsed as never }), ctx), { limit: 50 }).sql).toContain('FROM "Customer" c');
  });

  it("reads visits in the last N days from the visits' rolling window and their edge month", () => {
    const sql = (children: unknown[]) => countQuery(compileSegment(segmentDefinitionOrThrow({ kind: "group", op: "and", children }), ctx)).sql;
    const visits = sql([{ kind: "visits", period: { kind: "lastDays", days: 365 }, op: "gte", value: 2 }]);
    // The whole months: one subscript of the visits' own ring (of the month of the last visit) …
    expect(visits).toContain('a."ringVisits"[a."visitRingMonth" - $');
    expect(visits).not.toContain('a."ringReceipts"');
    // … plus the partial month's visits, grouped by customer, joined to the summary row; no month rows.
    expect(visits).toMatch(
      /^SELECT count\(\*\)::bigint AS n FROM \(SELECT a."customerId" FROM \(SELECT v."customerId", count\(\*\) FILTER \(WHERE v."at" >= \$\d+::timestamptz AND v."at" < \$\d+::timestamptz\) AS "n0" FROM "Visit" v WHERE v."programId" = \$1 /,
    );
    expect(visits).toContain('ev RIGHT JOIN "CustomerActivity" a ON ev."customerId" = a."customerId"');
    // (The month rows only for a last visit dated more than a ring past the window's first month.)
    expect(visits).not.toContain('m."visits" > 0');
    expect(visits).not.toContain("GROUP BY x.");
    // Beside a receipts window: one summary set, an edge of each.
    const both = sql([
      { kind: "visits", period: { kind: "lastDays", days: 365 }, op: "gte", value: 2 },
      { kind: "spend", period: { kind: "lastDays", days: 200 }, op: "gte", value: 1000 },
    ]);
    expect(both).toContain('FROM "Visit" v');
    expect(both).toContain('FROM "Purchase" p');
    expect(both).toContain('a."ringSpend"[a."ringMonth" - $');
    expect(both.match(/"CustomerActivity" a/g)).toHaveLength(1);
    // Windows longer than the ring keep the month rows.
    expect(sql([{ kind: "visits", period: { kind: "lastDays", days: 1000 }, op: "gte", value: 2 }])).toContain('m."visits" > 0');
  });

  it("reads a status list and a main balance beside summary conditions from the summary row", () => {
    const count = (children: unknown[], c: SegmentContext = ctx) => countQuery(compileSegment(segmentDefinitionOrThrow({ kind: "group", op: "and", children }), c)).sql;
    const fourConditions = [
      { kind: "tier", op: "in", tiers: ["supporter", "ultra"] },
      { kind: "balance", op: "gte", value: 1000 },
      { kind: "spend", period: { kind: "lastDays", days: 365 }, op: "gte", value: 2_000_000 },
      { kind: "daysSinceLastPurchase", op: "lte", value: 90 },
    ];
    // One scan of the summary: the status and the balance are tests of its row.
    const sql = count(fourConditions);
    expect(sql).toMatch(/^SELECT count\(\*\)::bigint AS n FROM \(SELECT a."customerId" FROM .*"CustomerActivity" a .*WHERE a."programId" = \$1 AND .*\) s$/);
    expect(sql).toMatch(/ AND COALESCE\(a."tierCode" = ANY\(\$\d+::text\[\]\), false\) AND \(a."mainAvailable" >= \$\d+::bigint\) AND /);
    expect(sql).not.toContain('"CustomerTier"');
    expect(sql).not.toContain('"Account"');
    expect(sql).not.toContain('"Customer" c');
    // Every bound value is used by the count (an unused one has no type PostgreSQL can infer).
    const compiled = compileSegment(segmentDefinitionOrThrow({ kind: "group", op: "and", children: fourConditions as never }), ctx);
    for (let i = 1; i <= compiled.params.length; i++) expect(sql).toMatch(new RegExp(`\\$${i}(?!\\d)`));
    // A balance 0 passes (no account is 0 on the row), a negated list, a list with the entry tier
    // (no status row is NULL on the row): tests of the row too.
    const summary = fourConditions.slice(2);
    for (const [other, test] of [
      [{ kind: "balance", op: "lte", value: 100 }, / AND \(a."mainAvailable" <= \$\d+::bigint\)/],
      [{ kind: "tier", op: "notIn", tiers: ["legend"] }, / AND NOT COALESCE\(a."tierCode" = ANY\(\$\d+::text\[\]\), false\)/],
      [{ kind: "tier", op: "in", tiers: ["novice", "legend"] }, / AND \(a."tierCode" IS NULL OR a."tierCode" = ANY\(\$\d+::text\[\]\)\)/],
    ] as const) {
      const q = count([...summary, other], { ...ctx, entryTier: "novice" });
      expect(q).toMatch(test);
      expect(q).toMatch(/^SELECT count\(\*\)::bigint AS n FROM \(SELECT a."customerId" FROM .*\) s$/);
      expect(q).not.toContain('"Customer" c');
    }
    // A set that is not a test of the row (an RFM cell) joins the status rows and the promo account to its members' ids.
    expect(
      count([
        { kind: "rfm", r: [5], f: [], m: [] },
        { kind: "balance", op: "gt", value: 0, account: "promo" },
      ]),
    ).toMatch(/GROUP BY 1 ORDER BY 1\) s JOIN "Account" k1 ON .* AND k1."kind" = 'promo'::"AccountKind" AND \(k1."available" > \$\d+::bigint\)$/);
    expect(count([{ kind: "rfm", r: [5], f: [], m: [] }, fourConditions[0]])).toMatch(
      /\) s JOIN "CustomerTier" k1 ON k1."customerId" = s."customerId" AND k1."programId" = \$1 AND \(k1."tierCode" = ANY\(\$/,
    );
    // Through "Customer" as before: a condition of the customer row, two summary sets, no summary set.
    for (const other of [count([...summary, { kind: "registrationChannel", channels: ["pos"] }]), count([summary[0], { kind: "rfm", r: [5], f: [], m: [] }]), count(fourConditions.slice(0, 2))])
      expect(other).toContain('FROM "Customer" c WHERE c."programId" = $1 AND');
  });

  it("reads consents, birthdays and an OR of them with visits from the summary row beside a category bought", () => {
    const count = (children: unknown[]) => countQuery(compileSegment(segmentDefinitionOrThrow({ kind: "group", op: "and", children }), ctx)).sql;
    const merch = { kind: "boughtCategory", categories: ["merch"], period: { kind: "lastDays", days: 180 } };
    const consent = { kind: "consent", channel: "email", given: true };
    const birthdayOrVisits = {
      kind: "group",
      op: "or",
      children: [
        { kind: "birthdayMonth", months: [12, 1] },
        { kind: "visits", period: { kind: "lastDays", days: 365 }, op: "gte", value: 2 },
      ],
    };
    // The summary's rows passing the consent and the OR, joined to the category's buyers and made
    // distinct again: no "Customer".
    const sql = count([merch, consent, birthdayOrVisits]);
    expect(sql).toMatch(
      /^SELECT count\(\*\)::bigint AS n FROM \(SELECT s."customerId" FROM \(SELECT a."customerId" FROM .*"CustomerActivity" a .*\) s JOIN \(SELECT d."customerId" FROM "CustomerCategoryDay" d .*\) f0 ON f0."customerId" = s."customerId" GROUP BY 1\) s$/,
    );
    expect(sql).toMatch(
      / AND a."emailConsent" = \$\d+::boolean AND \(COALESCE\(\(a."birthDate" IS NOT NULL AND date_part\('month', a."birthDate"\)::int = ANY\(\$\d+::int\[\]\)\), false\) OR COALESCE\(a."lastVisitAt" >= /,
    );
    expect(sql).not.toContain('"Customer" c');
    const compiled = compileSegment(segmentDefinitionOrThrow({ kind: "group", op: "and", children: [merch, consent, birthdayOrVisits] as never }), ctx);
    for (let i = 1; i <= compiled.params.length; i++) expect(sql).toMatch(new RegExp(`\\$${i}(?!\\d)`));
    // Copies alone beside the category (no activity read): through "Customer", the narrower table.
    expect(count([merch, consent, { kind: "birthdayMonth", months: [12] }])).toContain('FROM "Customer" c WHERE c."programId" = $1 AND');
    // A negated category does not imply a summary row: no fold without a positive summary test.
    expect(count([{ ...merch, negate: true }, consent, birthdayOrVisits])).toContain('FROM "Customer" c WHERE c."programId" = $1 AND');
    // An OR with a negative child ("no visit in 90 days") passes members without a row: its failure is the row's test.
    const lapsedOrBirthday = {
      kind: "group",
      op: "or",
      children: [
        { kind: "birthdayMonth", months: [12] },
        { kind: "visits", period: { kind: "lastDays", days: 90 }, op: "eq", value: 0 },
      ],
    };
    expect(count([merch, consent, lapsedOrBirthday])).toMatch(/ AND NOT COALESCE\(NOT \(COALESCE\(.*\) OR NOT COALESCE\(a."lastVisitAt" >= \$\d+::timestamptz, false\)\), false\)/);
  });

  it("treats the entry tier as held by customers without a status row", () => {
    const withEntry = compileSegment(segmentDefinitionOrThrow({ kind: "group", op: "and", children: [{ kind: "tier", op: "in", tiers: ["novice", "regular"] }] }), ctx);
    expect(withEntry.where).toContain('NOT IN (SELECT ct."customerId" FROM "CustomerTier" ct WHERE ct."programId" = $1 AND NOT');
    const without = compileSegment(segmentDefinitionOrThrow({ kind: "group", op: "and", children: [{ kind: "tier", op: "notIn", tiers: ["legend"] }] }), ctx);
    expect(without.where).toMatch(/^NOT \(c."id" IN/);
  });

  it("turns dates into the program's time zone bounds", () => {
    const c = compileSegment(segmentDefinitionOrThrow({ kind: "group", op: "and", children: [{ kind: "registeredIn", period: { kind: "between", from: "2026-01-01", to: "2026-01-31" } }] }), ctx);
    expect(c.params.slice(1)).toEqual(["2025-12-31T21:00:00.000Z", "2026-01-31T21:00:00.000Z"]);
    const b = compileSegment(segmentDefinitionOrThrow({ kind: "group", op: "and", children: [{ kind: "birthdayWithin", days: 7 }] }), { ...ctx, now: new Date("2026-11-23T22:30:00Z") });
    // 01:30 on the 24th in Moscow: "today" is the 24th.
    expect(b.params.slice(1)).toEqual(["2026-11-23", "2026-12-01"]);
  });

  it("pages members by id with a bounded limit", () => {
    const c = compileSegment(segmentDefinitionOrThrow({ kind: "group", op: "and", children: [] }), ctx);
    const q = membersQuery(c, { afterId: "cus_x'--", limit: 1e9 });
    expect(q.sql).toContain('c."id" > $2::text');
    expect(q.params).toEqual(["prg_1", "cus_x'--", 10_000]);
    expect(q.sql).not.toContain("cus_x");
  });
});
