// Every AppError code, every detail code and every zod issue code has a Russian and an English
// text, and real zod 4 issues read as those texts with their bounds filled in.
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, DETAIL_CODES, ERROR_CODES, errorBody, invalidInput } from "@/lib/errors";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { en, type MessageKey } from "@/lib/i18n/messages/en";
import { ru } from "@/lib/i18n/messages/ru";
import { translator } from "@/lib/i18n/translate";
import { parsePromotion } from "@/lib/promotions/definition";
import { appErrorFailure, invalidInputFailure, issueText, localiseError, ZOD_ISSUE_CODES, type Texts } from "./localise";

const texts = (locale: Locale): Texts => ({ locale, t: translator(locale) });
const nbsp = (s: string) => s.replace(/\s/g, " ");

function issuesOf(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input);
  if (r.success) throw new Error(`expected ${JSON.stringify(input)} to fail`);
  return r.error.issues;
}

/** One schema and input per zod issue code (and the variants forms meet). */
const SAMPLES: { name: string; schema: z.ZodType; input: unknown; ru: string; en: string }[] = [
  { name: "too_small string", schema: z.string().min(3), input: "ab", ru: "Не меньше 3 символов", en: "At least 3 characters" },
  { name: "too_small string (required)", schema: z.string().trim().min(1), input: " ", ru: "Заполните это поле.", en: "Fill in this field." },
  { name: "too_big string", schema: z.string().max(21), input: "x".repeat(30), ru: "Не больше 21 символа", en: "At most 21 characters" },
  { name: "exact string", schema: z.string().length(4), input: "12345", ru: "Ровно 4 символа", en: "Exactly 4 characters" },
  { name: "too_small number", schema: z.coerce.number().min(1), input: "0", ru: "Не меньше 1", en: "At least 1" },
  { name: "too_small number exclusive", schema: z.number().positive(), input: 0, ru: "Должно быть больше 0", en: "Must be more than 0" },
  { name: "too_big number", schema: z.number().max(1_000_000), input: 2_000_000, ru: "Не больше 1 000 000", en: "At most 1,000,000" },
  { name: "too_big number exclusive", schema: z.number().lt(5), input: 5, ru: "Должно быть меньше 5", en: "Must be less than 5" },
  { name: "too_small array", schema: z.array(z.string()).min(2), input: ["a"], ru: "Выберите не меньше 2 элементов", en: "Choose at least 2 items" },
  { name: "too_big array", schema: z.array(z.string()).max(1), input: ["a", "b"], ru: "Не больше 1 элемента", en: "At most 1 item" },
  { name: "too_small date", schema: z.date().min(new Date("2026-01-02T00:00:00Z")), input: new Date("2026-01-01T00:00:00Z"), ru: "Не раньше 2 янв. 2026 г.", en: "Not earlier than 2 Jan 2026" },
  { name: "invalid_type string", schema: z.object({ name: z.string() }), input: {}, ru: "Заполните это поле.", en: "Fill in this field." },
  { name: "invalid_type number", schema: z.coerce.number(), input: "abc", ru: "Введите число.", en: "Enter a number." },
  { name: "invalid_type int", schema: z.coerce.number().int(), input: "1.5", ru: "Введите целое число.", en: "Enter a whole number." },
  { name: "invalid_format email", schema: z.email(), input: "nope", ru: "Введите корректный адрес почты.", en: "Enter a valid email address." },
  { name: "invalid_format url", schema: z.url(), input: "ftp//x", ru: "Введите корректный адрес сайта (https://…).", en: "Enter a valid web address (https://…)." },
  { name: "invalid_format regex", schema: z.string().regex(/^a+$/), input: "b", ru: "Неверный формат.", en: "Invalid format." },
  { name: "invalid_format date", schema: z.iso.date(), input: "2026-13-01", ru: "Введите дату в формате ГГГГ-ММ-ДД.", en: "Enter a date as YYYY-MM-DD." },
  { name: "invalid_format starts_with", schema: z.string().startsWith("cus_"), input: "x", ru: "Должно начинаться с «cus_».", en: "Must start with “cus_”." },
  { name: "invalid_value enum", schema: z.enum(["main", "promo"]), input: "other", ru: "Выберите один из вариантов.", en: "Choose one of the options." },
  { name: "invalid_value literal", schema: z.literal("on"), input: "off", ru: "Выберите один из вариантов.", en: "Choose one of the options." },
  { name: "custom", schema: z.number().refine((n) => n > 100, "too low"), input: 5, ru: "Проверьте это значение.", en: "Check this value." },
  { name: "custom with a detail code", schema: z.string().refine(() => false, "two_decimals"), input: "1.234", ru: "Не больше двух знаков после запятой.", en: "At most two decimal places." },
  { name: "unrecognized_keys", schema: z.strictObject({ a: z.string() }), input: { a: "x", extra: 1 }, ru: "Лишние поля: extra.", en: "Unexpected fields: extra." },
  { name: "not_multiple_of", schema: z.number().multipleOf(5), input: 3, ru: "Должно быть кратно 5.", en: "Must be a multiple of 5." },
  { name: "invalid_union (telling branch)", schema: z.union([z.null(), z.literal(""), z.coerce.number().int().min(0)]), input: "-5", ru: "Не меньше 0", en: "At least 0" },
  { name: "invalid_union (literals)", schema: z.union([z.literal("a"), z.literal("b")]), input: "c", ru: "Выберите один из вариантов.", en: "Choose one of the options." },
  { name: "invalid_key", schema: z.record(z.string().min(2), z.number()), input: { a: 1 }, ru: "Не меньше 2 символов", en: "At least 2 characters" },
  { name: "invalid_element", schema: z.map(z.object({}), z.number()), input: new Map([[{}, "x"]]), ru: "Введите число.", en: "Enter a number." },
];

describe("every code has a Russian and an English text", () => {
  for (const [kind, codes] of [
    ["code", ERROR_CODES],
    ["detail", DETAIL_CODES],
  ] as const)
    it(`every ${kind} code (${kind === "code" ? "ERROR_CODES" : "DETAIL_CODES"})`, () => {
      for (const code of codes) {
        const key = `errors.${kind}.${code}` as MessageKey;
        expect(en[key]?.trim(), key).toBeTruthy();
        expect(ru[key]?.trim(), key).toBeTruthy();
        expect(ru[key], key).not.toBe(en[key]);
      }
    });

  it("every zod issue code the localiser knows is met by a sample, and reads as text in both languages", () => {
    const seen = new Set<string>();
    const collect = (issues: readonly z.core.$ZodIssue[]) => {
      for (const i of issues) {
        seen.add(i.code);
        if (i.code === "invalid_union") for (const b of i.errors) collect(b);
        if (i.code === "invalid_key" || i.code === "invalid_element") collect(i.issues);
      }
    };
    for (const s of SAMPLES) collect(issuesOf(s.schema, s.input));
    expect([...seen].sort()).toEqual([...ZOD_ISSUE_CODES].sort());
    for (const locale of LOCALES)
      for (const s of SAMPLES)
        for (const issue of issuesOf(s.schema, s.input)) {
          const text = issueText(texts(locale), issue);
          expect(text, `${locale} ${s.name}`).not.toMatch(/errors\.|\{\w+[},]/);
          if (locale === "ru") expect(text, s.name).toMatch(/[а-яё]/i);
        }
  });
});

describe("zod issues with their bounds", () => {
  for (const s of SAMPLES)
    it(s.name, () => {
      const [issue] = issuesOf(s.schema, s.input);
      expect(nbsp(issueText(texts("ru"), issue))).toBe(nbsp(s.ru));
      expect(nbsp(issueText(texts("en"), issue))).toBe(nbsp(s.en));
    });

  it("field errors are keyed by path; the headline is the first field's text", () => {
    const schema = z.object({ name: z.string().min(3), lines: z.array(z.object({ price: z.number().min(0) })) });
    const f = invalidInputFailure(texts("ru"), issuesOf(schema, { name: "ab", lines: [{ price: -1 }] }));
    expect(f).toMatchObject({ ok: false, code: "invalid_request", error: "Не меньше 3 символов", fieldErrors: { name: "Не меньше 3 символов", "lines.0.price": "Не меньше 0" } });
  });
});

describe("AppErrors", () => {
  it("the code's text, rate limits with their wait, and a specific text when the thrower gave one", () => {
    expect(appErrorFailure(texts("ru"), new AppError("forbidden", "Your role may not do this")).error).toBe("Нет доступа: вашей учётной записи это не разрешено.");
    expect(appErrorFailure(texts("en"), new AppError("rate_limited", "wait", { retryAfter: 42 })).error).toBe("Please wait 42 s before trying again.");
    expect(appErrorFailure(texts("en"), new AppError("invalid_request", "bad json", { text: { key: "prog.badJson" } })).error).toBe(en["prog.badJson"]);
  });

  it("details: codes are translated, free text (a program's JSON path problems) is kept", () => {
    const f = appErrorFailure(
      texts("ru"),
      new AppError("already_exists", "exists", {
        details: [
          { path: "code", message: "already_used" },
          { path: "tiers[0].code", message: "tier codes must be unique" },
        ],
      }),
    );
    expect(f).toEqual({ ok: false, code: "already_exists", error: "Такая запись уже существует.", fieldErrors: { code: "Уже используется.", "tiers[0].code": "tier codes must be unique" } });
  });

  it("details with a catalogue text (a definition's problems) read in the requester's language", () => {
    const parsed = parsePromotion({ code: "x", name: "x", effect: { type: "percentOff", percent: 120 }, colour: "red" });
    expect(parsed.ok).toBe(false);
    const details = parsed.ok ? [] : parsed.errors;
    const f = appErrorFailure(texts("ru"), new AppError("invalid_request", "The promotion has errors", { details }));
    expect(f.fieldErrors).toEqual({ "effect.percent": "должно быть не больше 100", colour: "неизвестное поле «colour»" });
    // What machines get is unchanged: English, and no catalogue key in the API's error body.
    expect(errorBody(new AppError("invalid_request", "x", { details })).error.details).toEqual([
      { path: "effect.percent", message: "must be at most 100" },
      { path: "colour", message: 'unknown field "colour"' },
    ]);
  });

  it("a domain's own zod validation (invalidInput) reads in the requester's language", () => {
    const schema = z.object({ title: z.string().min(2), pointsPrice: z.coerce.number().int().min(1) });
    const f = appErrorFailure(texts("ru"), invalidInput("Invalid catalog item", issuesOf(schema, { title: "x", pointsPrice: "0" })));
    expect(f.fieldErrors).toEqual({ title: "Не меньше 2 символов", pointsPrice: "Не меньше 1" });
    expect(f.error).toBe("Не меньше 2 символов");
  });

  it("Next's redirect/notFound signals pass through; unknown errors are logged and read as the generic text", () => {
    const signal = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/x;307;" });
    expect(() => localiseError(texts("en"), signal)).toThrow(signal);
    const log = vi.fn();
    expect(localiseError(texts("ru"), new TypeError("boom"), log)).toEqual({ ok: false, code: "internal_error", error: "Что-то пошло не так. Попробуйте ещё раз." });
    expect(log).toHaveBeenCalledOnce();
  });
});
