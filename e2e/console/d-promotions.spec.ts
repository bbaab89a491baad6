// Marketer console: promotions — a promotion created in the editor with its live preview, launched,
// paused and resumed, edited into a new version with a diff; a code promotion written in the JSON
// tab, its unique codes generated and downloaded; the list, the calendar and the statistics; and
// an analyst who reads everything without a single write control.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "../test";
import { hasHorizontalScroll, snap, WIDTHS } from "../screenshot";
import { english, signIn } from "./a-helpers";

test.beforeEach(async ({ context, baseURL }) => english(context, baseURL));

async function confirm(page: Page, button: string) {
  await page.getByRole("button", { name: button, exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: button, exact: true }).click();
}

test("a marketer creates a promotion with a live preview, launches, pauses and resumes it, and edits a new version", async ({ page }) => {
  await signIn(page, "marketer@tribune.demo");
  await page.getByRole("link", { name: "Promotions" }).first().click();
  await expect(page.getByRole("heading", { name: "Promotions", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "+ New promotion" }).first().click();
  await expect(page.getByRole("heading", { name: "New promotion", exact: true })).toBeVisible();

  // Saving the empty draft shows every problem at its field.
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByTestId("editor-errors")).toContainText("code");
  await expect(page.getByTestId("editor-errors")).toContainText("name");

  await page.getByLabel("Code", { exact: true }).fill("e2e-scarves");
  await page.getByLabel("Name (English)").fill("Scarves 25% off");
  await page.getByLabel("Name (Русский)").fill("Шарфы −25%");
  await page.getByLabel("Percent", { exact: true }).fill("0");
  await expect(page.getByText("must be more than 0").first()).toBeVisible();
  await page.getByLabel("Percent", { exact: true }).fill("25");
  await page.getByLabel("Categories").fill("scarves");
  await page.getByLabel("Money budget, RUB").fill("50000");
  await expect(page.getByTestId("editor-errors")).toHaveCount(0);

  // The preview: a scarf line at 2,000 × 2 gets 25 % off (1,000), the other line nothing.
  await page.getByLabel("Category 1").fill("scarves");
  await page.getByLabel("Price 1").fill("2000");
  await page.getByLabel("Qty 1").fill("2");
  await expect(page.getByTestId("preview-applied")).toContainText("Scarves 25% off");
  await expect(page.getByTestId("preview-discount")).toContainText("1,000");
  // Its limits as they stand: a new promotion has its whole budget.
  await expect(page.getByTestId("preview-left")).toContainText("50,000.00 of discount budget left");
  // Anonymous receipts: members only.
  await page.getByLabel("Customer").selectOption({ label: "Anonymous" });
  await expect(page.getByTestId("preview-rejected")).toContainText("members only");
  await page.getByLabel("Customer").selectOption({ index: 1 });
  await expect(page.getByTestId("preview-applied")).toContainText("Scarves 25% off");
  await snap(page, "console-promotion-new");

  // The JSON tab is the same definition.
  await page.getByRole("tab", { name: "JSON" }).click();
  const json = JSON.parse(await page.getByRole("textbox", { name: "JSON" }).inputValue());
  expect(json).toMatchObject({
    code: "e2e-scarves",
    status: "draft",
    effect: { type: "percentOff", percent: 25 },
    basket: { items: { categories: ["scarves"] } },
    limits: { budget: { money: 5000000 } },
  });
  await page.getByRole("tab", { name: "Form" }).click();

  await page.getByLabel("Note for the history").fill("first draft");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page).toHaveURL(/\/admin\/promotions\/e2e-scarves$/);
  await expect(page.getByRole("heading", { name: /Scarves 25% off/ })).toBeVisible();
  await expect(page.getByText("Draft").first()).toBeVisible();

  await confirm(page, "Launch");
  await expect(page.getByRole("heading", { name: /Scarves 25% off/ }).getByText("Running")).toBeVisible();
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Scarves 25% off/ }).getByText("Paused")).toBeVisible();
  await page.getByRole("button", { name: "Resume", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Scarves 25% off/ }).getByText("Running")).toBeVisible();
  await expect(page.getByTestId("promotion-version")).toHaveCount(4);
  await expect(page.getByTestId("promotion-version").nth(1)).toContainText('"active"');
  await expect(page.getByTestId("promotion-version").nth(1)).toContainText('"paused"');
  await expect(page.getByTestId("stat-uses")).toHaveText("0");

  // A new version: 30 %; the history shows the change.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Edit: Scarves 25% off" })).toBeVisible();
  await page.getByLabel("Percent", { exact: true }).fill("30");
  await page.getByLabel("Note for the history").fill("thirty");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page).toHaveURL(/\/admin\/promotions\/e2e-scarves$/);
  await expect(page.getByTestId("promotion-version")).toHaveCount(5);
  const newest = page.getByTestId("promotion-version").first();
  await expect(newest).toContainText("Version 5");
  await expect(newest).toContainText("effect.percent");
  await expect(newest).toContainText("thirty");
  await snap(page, "console-promotion");

  // A copy as a new draft with its own code.
  await page.getByRole("link", { name: "Duplicate", exact: true }).click();
  await expect(page.getByText("A copy of “Scarves 25% off” as a new draft")).toBeVisible();
  await expect(page.getByLabel("Code", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Name (English)")).toHaveValue("Scarves 25% off");
  await page.getByLabel("Code", { exact: true }).fill("e2e-scarves-copy");
  await page.getByLabel("Name (English)").fill("Scarves, the copy");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page).toHaveURL(/\/admin\/promotions\/e2e-scarves-copy$/);
  await expect(page.getByRole("heading", { name: /Scarves, the copy/ }).getByText("Draft")).toBeVisible();

  // The list with its budget bar, filtered by status; the calendar.
  await page.goto("/admin/promotions?status=active");
  await expect(page.getByRole("link", { name: "Scarves 25% off" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Money budget" }).first()).toBeVisible();
  await snap(page, "console-promotions");
  await page.goto("/admin/promotions?status=paused");
  await expect(page.getByRole("link", { name: "Scarves 25% off" })).toHaveCount(0);
  await page.getByRole("link", { name: "Calendar" }).click();
  await expect(page.getByTestId("calendar-month")).toBeVisible();
  await expect(page.getByTestId("calendar-row").filter({ hasText: "Scarves 25% off" })).toBeVisible();
  await snap(page, "console-promotions-calendar");
  await page.setViewportSize(WIDTHS.phone);
  expect(await hasHorizontalScroll(page)).toBe(false);
  await page.setViewportSize(WIDTHS.desktop);
  const month = await page.getByTestId("calendar-month").innerText();
  await page.getByRole("link", { name: "Next month" }).click();
  await expect(page.getByTestId("calendar-month")).not.toHaveText(month);
});

test("a marketer writes a code promotion as JSON, generates unique codes and downloads them", async ({ page }) => {
  await signIn(page, "marketer@tribune.demo");
  await page.goto("/admin/promotions/new");
  await page.getByRole("tab", { name: "JSON" }).click();
  await page.getByRole("textbox", { name: "JSON" }).fill(
    JSON.stringify({
      code: "e2e-next-visit",
      name: { en: "Next visit 500 off", ru: "500 ₽ на следующий визит" },
      status: "active",
      trigger: "code",
      effect: { type: "amountOff", amount: 50000 },
      codes: { unique: { count: 100, pattern: "NV-####-####" }, perCode: { maxUses: 1 } },
    }),
  );
  await page.getByRole("tab", { name: "Form" }).click();
  await expect(page.getByLabel("Pattern")).toHaveValue("NV-####-####");
  await expect(page.getByLabel("Applies")).toHaveValue("code");
  // Without its code the preview says so.
  await expect(page.getByTestId("preview-rejected")).toContainText("needs a promo code");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page).toHaveURL(/\/admin\/promotions\/e2e-next-visit$/);

  await page.getByLabel("How many").fill("5");
  await page.getByRole("button", { name: "Generate codes" }).click();
  await expect(page.getByTestId("codes-total")).toHaveText("5");
  await expect(page.getByTestId("codes-unused")).toHaveText("5");
  await expect(page.getByTestId("codes-sample")).toContainText("NV-");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("codes-csv").click()]);
  const rows = (await readFile((await download.path())!, "utf8"))
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  expect(rows[0]).toBe("code,kind,uses,max_uses,expires_at,customer_id,revoked_at");
  expect(rows).toHaveLength(6);
  expect(rows[1]).toMatch(/^NV-[A-Z2-9]{4}-[A-Z2-9]{4},unique,0,1,,,$/);
  await snap(page, "console-promotion-codes");

  // Every code in a list: one leaked code is revoked, and reads as revoked from then on.
  const leaked = rows[2].split(",")[0];
  await page.getByTestId("codes-list").click();
  await expect(page.getByRole("heading", { name: "Promo codes", exact: true })).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(6);
  await page.getByLabel("Code starts with").fill(leaked.toLowerCase());
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("row")).toHaveCount(2);
  await page.getByRole("button", { name: `Revoke ${leaked}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByText(`${leaked} is revoked.`)).toBeVisible();
  await expect(page.getByRole("row").nth(1)).toContainText("Revoked");
  await expect(page.getByRole("button", { name: `Revoke ${leaked}` })).toHaveCount(0);
  await snap(page, "console-promotion-codes-list");
  await page.goto("/admin/promotions/e2e-next-visit/codes?state=revoked");
  await expect(page.getByRole("row")).toHaveCount(2);
  await page.goto("/admin/promotions/e2e-next-visit");

  // The code unlocks it in the preview of another draft.
  const code = rows[1].split(",")[0];
  await page.goto("/admin/promotions/e2e-next-visit/edit");
  await page.getByLabel("Promo code entered").fill(code.toLowerCase());
  await expect(page.getByTestId("preview-applied")).toContainText("Next visit 500 off");
});

test("an analyst reads promotions, their statistics and versions, but cannot change them", async ({ page }) => {
  await signIn(page, "analyst@tribune.demo");
  await page.goto("/admin/promotions");
  await expect(page.getByRole("heading", { name: "Promotions", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "+ New promotion" })).toHaveCount(0);
  await page.getByRole("link", { name: "Scarves 25% off" }).click();
  await expect(page.getByTestId("stat-uses")).toBeVisible();
  await expect(page.getByRole("button", { name: "Pause" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  await page.goto("/admin/promotions/e2e-scarves/edit");
  await expect(page.getByText("Your role can view promotions but not change them.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save version" })).toHaveCount(0);
  await page.goto("/admin/promotions/new");
  await expect(page).toHaveURL(/\/admin\/forbidden/);

  // A promotion of the demo season: real uses and the uplift against its 10 % holdout.
  await page.goto("/admin/promotions/matchday-merch");
  await expect.poll(async () => Number((await page.getByTestId("stat-uses").innerText()).replace(/\D/g, ""))).toBeGreaterThan(0);
  await expect(page.getByTestId("uplift-spend")).toBeVisible();
  await expect(page.getByTestId("uplift-receipts")).toBeVisible();
  await expect(page.getByTestId("uplift-visits")).toBeVisible();
  await snap(page, "console-promotion-stats");
  const csv = await page.request.get("/api/admin/promotions/e2e-next-visit/codes");
  expect(csv.status()).toBe(403);
  // The list of codes is for those who may change the promotion.
  await page.goto("/admin/promotions/e2e-next-visit/codes");
  await expect(page).toHaveURL(/\/admin\/forbidden/);
});

test("the promotion pages speak Russian: statistics, the editor and its preview's reasons", async ({ page, context, baseURL }) => {
  await signIn(page, "marketer@tribune.demo");
  await context.addCookies([{ name: "tribune_locale", value: "ru", url: baseURL ?? "http://localhost:3000" }]);
  await page.goto("/admin/promotions/matchday-merch");
  await expect(page.getByRole("heading", { name: "Эффект против контрольной группы" })).toBeVisible();
  await snap(page, "console-promotion-ru");
  await page.goto("/admin/promotions/matchday-merch/edit");
  await expect(page.getByRole("heading", { name: "Предпросмотр на примере корзины" })).toBeVisible();
  await page.getByLabel("Категория 1").fill("merch");
  await expect(page.getByTestId("preview-applied")).toBeVisible();
  await expect(page.getByTestId("preview-rejected")).toContainText("нужен промокод");
  await snap(page, "console-promotion-edit-ru");
  // A wrong value is explained in Russian, at its field.
  await page.getByLabel("Процент", { exact: true }).fill("0");
  await expect(page.getByText("должно быть больше 0").first()).toBeVisible();
});
