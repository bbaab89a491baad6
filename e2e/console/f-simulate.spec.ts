// Program editor: "Simulate" replays a draft — the Regular status's cashback doubled — over the
// demo season's last 12 months in the background (progress bar, then the result next to the
// version in force: points, liability, customers per status, most affected customers linked to
// Customer 360); the demo opens with such a result. The analyst reads results but cannot start one.
import { runJob } from "../jobs";
import { expect, test } from "../test";
import { snap } from "../screenshot";
import { english, signIn } from "./a-helpers";

test.beforeEach(async ({ context, baseURL }) => english(context, baseURL));

test("a marketer simulates a draft over 12 months and sees it next to the version in force; the analyst reads it", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  await signIn(page, "marketer@tribune.demo");
  await page.goto("/admin/program");
  await expect(page.getByRole("heading", { name: "Program rules" })).toBeVisible();
  const tier = page.getByTestId("program-tier").nth(1);
  const rate = Number(await tier.getByLabel("Cashback, %").inputValue());
  await tier.getByLabel("Cashback, %").fill(String(rate * 2));
  const form = page.getByRole("form", { name: "Simulate" });
  await form.getByLabel("History to replay").selectOption("12");
  await form.getByRole("button", { name: "Simulate" }).click();

  await expect(page.getByRole("heading", { name: /^Simulation of/ })).toBeVisible();
  await expect(page.getByText("Waiting for the background worker…")).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "0");
  await snap(page, "console-simulate-queued");
  expect(runJob("program-simulations")).toMatch(/"ran":1/);

  const totals = page.getByTestId("simulation-totals");
  await expect(totals).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  const issued = totals.getByRole("row", { name: /Points issued/ });
  const cells = await issued.getByRole("cell").allInnerTexts();
  const num = (s: string) => Number(s.replace(/[^\d-]/g, ""));
  expect(num(cells[0])).toBeGreaterThan(0);
  expect(num(cells[1])).toBeGreaterThan(num(cells[0]));
  expect(cells[2]).toMatch(/^\+/);
  await expect(totals.getByRole("row", { name: /Change in points liability/ })).toBeVisible();
  await expect(page.getByText(/customers, [\d,]+ receipts, [\d,]+ visits/)).toBeVisible();
  // Customers per status: the chart's table for screen readers lists every status.
  await expect(page.getByRole("table", { name: "Customers per status at the end" }).getByRole("row")).toHaveCount(7);
  const affected = page.getByTestId("simulation-affected").getByRole("row");
  await expect(affected).toHaveCount(21);
  await expect(page.getByRole("heading", { name: "How the replay counts" })).toBeVisible();
  await snap(page, "console-simulate-result");

  const first = affected.nth(1).getByRole("link");
  // Named as in Customer 360 (the names come with the finished result).
  await expect(first).not.toHaveText(/^cus_/);
  await first.click();
  await expect(page).toHaveURL(/\/admin\/customers\/cus_/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // The analyst: the result is listed and readable, no Simulate form.
  await page.context().clearCookies();
  await english(page.context(), baseURL);
  await signIn(page, "analyst@tribune.demo");
  await page.goto("/admin/program");
  await expect(page.getByRole("form", { name: "Simulate" })).toHaveCount(0);
  await expect(page.getByText("Owners and marketers run simulations; their results are listed here.")).toBeVisible();
  await page.getByTestId("program-simulations").getByRole("link").first().click();
  await expect(page.getByTestId("simulation-totals")).toBeVisible();
});

test("the demo opens with the marketer's finished simulation of a draft next to the version in force", async ({ page }) => {
  await signIn(page, "marketer@tribune.demo");
  await page.goto("/admin/program");
  // The seeded simulation is the oldest one listed (this file's own come later).
  const seeded = page.getByTestId("program-simulations").getByRole("link").last();
  await expect(seeded).toBeVisible();
  await seeded.click();
  const totals = page.getByTestId("simulation-totals");
  await expect(totals).toBeVisible();
  const cells = await totals
    .getByRole("row", { name: /Points issued/ })
    .getByRole("cell")
    .allInnerTexts();
  const num = (s: string) => Number(s.replace(/[^\d-]/g, ""));
  expect(num(cells[0])).toBeGreaterThan(0);
  expect(num(cells[1])).toBeGreaterThan(num(cells[0]));
  await snap(page, "console-simulate-demo");
});
