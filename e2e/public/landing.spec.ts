import { expect, test } from "../test";
import { hasHorizontalScroll, snap, WIDTHS } from "../screenshot";

test("the landing page shows the program and its six statuses from the database", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("FC Tribune");
  const statuses = page.getByRole("heading", { level: 3 }).filter({ hasNotText: /^$/ });
  await expect(page.locator("#statuses")).toBeVisible();
  const tierCards = page.locator("section[aria-labelledby=statuses] li h3");
  await expect(tierCards).toHaveCount(6);
  expect(await statuses.count()).toBeGreaterThan(6);
  await expect(page.getByRole("link", { name: /Личный кабинет|My account/ }).first()).toHaveAttribute("href", "/cabinet");
  await snap(page, "landing");
});

test("the landing page fits a phone and switches language", async ({ page }) => {
  await page.setViewportSize(WIDTHS.phone);
  await page.goto("/");
  expect(await hasHorizontalScroll(page)).toBe(false);
  const menu = page.locator("header details");
  const openMenu = async () => {
    if (!(await menu.evaluate((d: HTMLDetailsElement) => d.open))) await menu.locator("summary").click();
  };
  await openMenu();
  await page.getByRole("button", { name: "en", exact: true }).last().click();
  await expect(page.getByRole("heading", { name: "How it works" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await openMenu();
  await page.getByRole("button", { name: "ru", exact: true }).last().click();
  await expect(page.getByRole("heading", { name: "Как это работает" })).toBeVisible();
});

test("health reports the database and the migrations", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", db: "ok", migrations: "up-to-date", version: expect.any(String) });
});
