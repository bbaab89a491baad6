// Customer search of the console: what the box understands, and that each kind finds the right
// people (and only in the staff user's program).
import { describe, expect, it } from "vitest";
import { testDb } from "./db";
import { makeProgram, uniq } from "./factories";
import { classifyQuery, searchCustomers } from "@/lib/admin/customer-search";
import { parseTableParams } from "@/lib/admin/table-params";
import { issueCard } from "@/lib/cards/issue-card";
import { createId } from "@/lib/ids";

const db = testDb();

describe("classifyQuery", () => {
  it.each([
    ["+7 999 000-00-42", { kind: "phone", value: "+79990000042" }],
    ["8 (999) 000-00-42", { kind: "phone", value: "+79990000042" }],
    ["9990000042", { kind: "digits", value: "9990000042" }],
    ["2000000000428", { kind: "card", value: "2000000000428" }],
    ["Fan@Tribune.Demo", { kind: "email", value: "fan@tribune.demo" }],
    ["cus_01ABCDEFGHJK", { kind: "id", value: "cus_01abcdefghjk" }],
  ])("%s", (q, expected) => {
    expect(classifyQuery(q)).toMatchObject(expected);
  });

  it("names: words, lower case, LIKE wildcards stripped", () => {
    expect(classifyQuery("  Петров  Иван ")).toMatchObject({ kind: "name", words: ["петров", "иван"] });
    expect(classifyQuery("50%_off\\")).toMatchObject({ kind: "name", words: ["50off"] });
    expect(classifyQuery("   ")).toBeNull();
    expect(classifyQuery("%%")).toBeNull();
  });
});

describe("parseTableParams", () => {
  const opts = { sortable: ["createdAt", "name"] as const, defaultSort: { id: "createdAt" as const, desc: true } };
  it("reads page, size and a whitelisted sort", () => {
    expect(parseTableParams({ page: "3", size: "50", sort: "-name" }, opts)).toEqual({ page: 3, pageSize: 50, offset: 100, sort: { id: "name", desc: true } });
  });
  it("falls back on anything else", () => {
    expect(parseTableParams({ page: "-4", size: "7", sort: "password" }, opts)).toEqual({ page: 1, pageSize: 25, offset: 0, sort: { id: "createdAt", desc: true } });
    expect(parseTableParams({ page: "abc" }, opts).page).toBe(1);
  });
});

describe("searchCustomers", () => {
  it("finds by phone, email, card, name and id; filters; other programs and merged duplicates stay hidden", async () => {
    const program = await makeProgram(db);
    const other = await makeProgram(db);
    const tag = uniq("x").slice(2, 8);
    const base = { programId: program.id, registrationChannel: "web" as const };
    const phone = `+7955${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
    const a = await db.customer.create({ data: { ...base, id: createId("cus"), phone, email: `anna.${tag}@example.test`, firstName: "Anna", lastName: `Zorin${tag}a` } });
    const b = await db.customer.create({ data: { ...base, id: createId("cus"), firstName: "Boris", lastName: `Zorin${tag}`, status: "blocked", registrationChannel: "pos" } });
    const merged = await db.customer.create({ data: { ...base, id: createId("cus"), firstName: "Ghost", lastName: `Zorin${tag}` } });
    await db.customerMerge.create({ data: { mergedId: merged.id, keptId: b.id, programId: program.id, reason: "dup" } });
    await db.customer.create({ data: { id: createId("cus"), programId: other.id, registrationChannel: "web", firstName: "Anna", lastName: `Zorin${tag}a`, phone } });
    const card = await db.$transaction((tx) => issueCard(tx, program.id, b.id));
    const sort = { id: "createdAt" as const, desc: true };
    const find = async (q: string, f = {}) => (await searchCustomers(db, program.id, { q, ...f }, { sort, limit: 10, offset: 0 })).rows.map((r) => r.id);

    expect(await find(phone)).toEqual([a.id]);
    expect(await find(`8${phone.slice(2)}`)).toEqual([a.id]);
    expect(await find(phone.slice(0, 9))).toContain(a.id);
    expect(await find(`ANNA.${tag}@`)).toEqual([a.id]);
    expect(await find(`anna.${tag}`)).toEqual([a.id]); // no "@": the start of an email still finds her
    expect(await find(card.number)).toEqual([b.id]);
    expect(await find(`zorin${tag}`)).toEqual([b.id, a.id]);
    expect(await find(`boris zorin${tag}`)).toEqual([b.id]);
    expect(await find(a.id)).toEqual([a.id]);
    expect(await find(`zorin${tag}`, { status: "blocked" })).toEqual([b.id]);
    expect(await find(`zorin${tag}`, { channel: "web" })).toEqual([a.id]);
    expect(await find('\'; drop table "Customer"; --')).toEqual([]);
    const page = await searchCustomers(db, program.id, { q: `zorin${tag}` }, { sort: { id: "name", desc: false }, limit: 1, offset: 0 });
    expect(page).toMatchObject({ total: 2, hasNext: true, totalCapped: false });
    expect(page.rows[0].id).toBe(b.id); // "Zorin…" before "Zorin…a"
    expect(page.rows[0].cardNumber).toBe(card.number);
  });
});
