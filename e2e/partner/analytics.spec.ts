// The partner portal's analytics and statements, and the console's settlement: the pub's manager
// reads its sales (charts drawn), returns by reason, cohorts and RFM grid, opens a cell (members
// masked), downloads its statement as CSV and opens the printable page; the owner lists every
// partner's statement for the month, whose rows add up to the program's ledger.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "../test";
import { hasHorizontalScroll, snap } from "../screenshot";

const PASSWORD = "tribune-demo";

test.beforeEach(async ({ context, baseURL }) => {
  await context.addCookies([{ name: "tribune_locale", value: "en", url: baseURL ?? "http://localhost:3000" }]);
});

async function signIn(page: Page, path: string, email: string) {
  await page.goto(path);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("staff-name")).toBeVisible();
}

async function csvRows(page: Page, testId: string) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return (await readFile((await download.path())!, "utf8"))
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/)
    .map((r) => r.split(","));
}

/** "₽1,234.50" or "−₽12" (English) → minor units. */
const moneyMinor = (text: string) => Math.round(Number(text.replace(/−/g, "-").replace(/[^\d.-]/g, "")) * 100);

test("a partner manager reads its analytics, opens an RFM cell and downloads its statement", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "/partner/sign-in", "pub@tribune.demo");
  await page.getByRole("navigation", { name: "Partner portal sections" }).getByRole("link", { name: "Analytics" }).click();
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "90 days" }).click();
  await expect(page).toHaveURL(/period=90d/);
  await expect(page.getByTestId("an-receipts")).not.toHaveText("0");
  // The charts are drawn (recharts), and their numbers are there for screen readers.
  for (const id of ["chart-sales", "chart-stores", "chart-categories"]) await expect(page.locator(`#${id} .recharts-surface`).first()).toBeVisible();
  await expect(page.locator("#chart-stores figcaption table")).toContainText("Extra Time, Arbat 12");
  await expect(page.locator("main")).not.toContainText("Half-Time Coffee");
  await snap(page, "partner-analytics-sales");
  expect(await hasHorizontalScroll(page)).toBe(false);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId("tab-returns").click();
  await expect(page.getByRole("heading", { name: "Returns by reason" })).toBeVisible();
  await expect(page.getByTestId("returns-by-reason")).toContainText(/Wrong item|Defect|Changed their mind/);
  await expect(page.locator("#returns-reasons .recharts-surface")).toBeVisible();
  await snap(page, "partner-analytics-returns");

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId("tab-cohorts").click();
  await expect(page.getByTestId("cohorts-table")).toContainText("%");
  await expect(page.locator("#cohorts-chart .recharts-surface")).toBeVisible();
  await snap(page, "partner-analytics-cohorts");

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId("tab-rfm").click();
  await expect(page.getByTestId("rfm-grid")).toBeVisible();
  await snap(page, "partner-analytics-rfm");
  await page.setViewportSize({ width: 1280, height: 900 });
  // The busiest cell: its count is the number of members its list has.
  const cells = page.getByTestId(/^rfm-\d-\d$/);
  const counts = await cells.evaluateAll((els) => els.map((e) => Number((e.querySelector("span")?.textContent ?? "0").replace(/\D/g, ""))));
  const busiest = counts.indexOf(Math.max(...counts));
  expect(counts[busiest]).toBeGreaterThan(0);
  await cells.nth(busiest).click();
  await expect(page.getByRole("heading", { name: /RFM cell: recency \d, frequency \d/ })).toBeVisible();
  const members = page.getByTestId("rfm-member");
  await expect(members.first()).toBeVisible();
  expect(await members.count()).toBe(Math.min(25, counts[busiest]));
  await expect(members.first()).toContainText("•••");
  expect(await page.locator("main").textContent()).not.toMatch(/\+7\d{10}/);
  await snap(page, "partner-analytics-rfm-cell");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await hasHorizontalScroll(page)).toBe(false);
  // A member of the cell opens their customer card.
  const name = (await members.first().locator("span").first().textContent())!;
  await members.first().click();
  await expect(page).toHaveURL(/\/partner\/customers\/[A-Za-z0-9_-]{24,}$/);
  await expect(page.locator("main")).toContainText(name);

  // The statement of the last finished month: figures, CSV (the same numbers) and the printable page.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("navigation", { name: "Partner portal sections" }).getByRole("link", { name: "Statements" }).click();
  await expect(page.getByRole("heading", { name: "Statements", level: 1 })).toBeVisible();
  await expect(page.getByTestId("stmt-issued")).not.toHaveText("0");
  await expect(page.getByTestId("statement-lines")).toContainText("Extra Time, Luzhnikovskaya 24");
  await expect(page.getByTestId("statement-lines")).not.toContainText("Half-Time");
  await snap(page, "partner-statements");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await hasHorizontalScroll(page)).toBe(false);
  await page.setViewportSize({ width: 1280, height: 900 });
  const month = await page.getByTestId("statement-month").inputValue();
  const rows = await csvRows(page, "statement-csv");
  expect(rows[0].slice(0, 12)).toEqual([
    "month",
    "currency",
    "store_code",
    "store",
    "receipts",
    "points_issued",
    "points_issued_main",
    "points_issued_promo",
    "points_reclaimed",
    "net_points_issued",
    "owed_minor",
    "points_redeemed",
  ]);
  expect(rows.slice(1).map((r) => r[2])).toEqual(["pub-arbat", "pub-luzhniki", "TOTAL"]);
  const total = rows.at(-1)!;
  const col = (name: string) => Number(total[rows[0].indexOf(name)]);
  expect(total[0]).toBe(month);
  expect(col("net_points_issued")).toBe(Number((await page.getByTestId("stmt-issued").textContent())!.replace(/\D/g, "")));
  expect(col("owed_minor")).toBe(moneyMinor((await page.getByTestId("stmt-owed").textContent())!));
  expect(col("points_issued") - col("points_reclaimed")).toBe(col("net_points_issued"));
  expect(col("points_issued_main") + col("points_issued_promo")).toBe(col("points_issued"));
  // Asking for another partner's statement by name changes nothing: the session decides.
  const other = await page.request.get(`/partner/statements/csv?month=${month}&partner=coffee`);
  expect((await other.text()).replace(/^\uFEFF/, "")).toContain("pub-luzhniki");

  await page.getByTestId("statement-print").click();
  await expect(page.getByTestId("printable-statement")).toContainText(`Settlement statement`);
  await expect(page.getByTestId("printable-statement")).toContainText("Extra Time sports bar and");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("aside")).toBeHidden();
  await expect(page.getByTestId("print-now")).toBeHidden();
  await page.screenshot({ path: "e2e/artifacts/screenshots/partner-statement-print.png", fullPage: true });
  await page.emulateMedia({ media: "screen" });
  await snap(page, "partner-statement-printable");
});

test("the owner lists every partner's statement for the month, adding up to the ledger", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "/admin/sign-in", "owner@tribune.demo");
  await page.getByRole("link", { name: "Settlement" }).click();
  await expect(page.getByRole("heading", { name: "Settlement", level: 1 })).toBeVisible();
  await expect(page.getByTestId("settlement-check")).toContainText("add up to the program's ledger");
  const table = page.getByRole("table", { name: "Settlement" });
  await expect(table).toContainText("Extra Time sports bar");
  await expect(table).toContainText("Half-Time Coffee");
  await expect(table).toContainText("Own stores (no partner)");
  await snap(page, "console-settlement");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await hasHorizontalScroll(page)).toBe(false);
  await page.setViewportSize({ width: 1280, height: 900 });
  const rows = await csvRows(page, "settlement-csv");
  expect(rows.slice(1).map((r) => r[2])).toEqual(["pub", "coffee", "", "TOTAL"]);
  // Every figure column of the total is the sum of the rows above it.
  for (let col = 4; col < rows[0].length; col++) expect(Number(rows.at(-1)![col])).toBe(rows.slice(1, -1).reduce((s, r) => s + Number(r[col]), 0));
  expect(Number(rows[1][5])).toBeGreaterThan(0);
});
