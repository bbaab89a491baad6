// A support agent finds a customer by phone and adjusts points; the owner manages stores,
// POS keys and staff and reads the audit log.
import { expect, test } from "../test";
import { hasHorizontalScroll, snap, WIDTHS } from "../screenshot";
import { english, signIn } from "./a-helpers";

test.beforeEach(async ({ context, baseURL }) => english(context, baseURL));

test("Customer 360 shows the promo balance per promotion", async ({ page }) => {
  await signIn(page, "support@tribune.demo");
  await page.goto("/admin/customers?q=%2B79990000001");
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole("link").first().click();
  await expect(page.getByTestId("balance-main")).toBeVisible();
  // The demo fan's merch-wallet points: spendable on merch only, with their soonest expiry.
  const promo = page.getByTestId("promo-by-promotion");
  await expect(promo).toContainText("Merch points");
  await expect(promo).toContainText("until");
  await snap(page, "console-customer-360-promo");
});

test("a support agent finds a customer by phone and adjusts points", async ({ page }) => {
  await signIn(page, "support@tribune.demo");
  await page.getByRole("navigation", { name: "Console sections" }).first().getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
  await snap(page, "console-customers");
  // Typed the way people say it: 8, spaces, dashes.
  await page.getByLabel("Search").fill("8 999 000-00-42");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=8/);
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("+79990000042");
  await rows.first().getByRole("link").first().click();
  const balance = page.getByTestId("balance-main");
  await expect(balance).toBeVisible();
  const start = Number((await balance.textContent())!.replace(/\D/g, ""));
  const shown = (n: number) => new Intl.NumberFormat("en-GB").format(n);

  const form = page.getByRole("form", { name: "Adjust points" });
  await form.getByLabel("Points").fill("150");
  await form.getByRole("button", { name: "Adjust balance" }).click();
  // The reason is required: the browser (and the server) refuse without one.
  await expect(balance).toHaveText(shown(start));
  await form.getByLabel("Reason").fill("Ticket 4711: match-day purchase not credited");
  await form.getByRole("button", { name: "Adjust balance" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Points adjusted (+150)" })).toBeVisible();
  await expect(balance).toHaveText(shown(start + 150));
  await expect(page.locator("#ledger")).toContainText("Ticket 4711");
  await expect(page.getByTestId("customer-audit")).toContainText("points.adjust");

  // Removing more than the balance is refused with a clear message and changes nothing.
  await form.getByLabel("Operation").selectOption("remove");
  await form.getByLabel("Points").fill(String(start + 151));
  await form.getByLabel("Reason").fill("too much");
  await form.getByRole("button", { name: "Adjust balance" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /points|баллов/i })).toBeVisible();
  await expect(balance).toHaveText(shown(start + 150));
  await snap(page, "console-customer-360");
  await page.setViewportSize(WIDTHS.phone);
  expect(await hasHorizontalScroll(page)).toBe(false);
});

test("support sets a status until a date, reissues a card and merges a duplicate", async ({ page }) => {
  await signIn(page, "support@tribune.demo");
  await page.goto("/admin/customers?q=%2B79990001990");
  await page.locator("tbody tr").first().getByRole("link").first().click();
  await expect(page.getByTestId("balance-main")).toBeVisible();
  const customerUrl = page.url();
  const mainBefore = Number((await page.getByTestId("balance-main").textContent())!.replace(/\D/g, ""));

  await page.getByText("Set status manually").click();
  const tierForm = page.getByRole("form", { name: "Set status manually" });
  const option = tierForm.getByLabel("Status").locator("option").nth(3);
  const tierName = (await option.textContent())!;
  await tierForm.getByLabel("Status").selectOption({ label: tierName });
  const until = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
  await tierForm.getByLabel("Until (inclusive)").fill(until);
  await tierForm.getByLabel("Reason").fill("Season-ticket holder moved from the partner club");
  await tierForm.getByRole("button", { name: "Save status" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Status set." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(tierName);

  await page.getByText("Issue a new card").click();
  const cardForm = page.getByRole("form", { name: "Issue a new card" });
  await cardForm.getByLabel("Reason").fill("Card lost at the stadium");
  await cardForm.getByRole("button", { name: "Issue new card" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Issue new card" }).click();
  await expect(page.getByRole("status").filter({ hasText: /New card \d{13} issued/ })).toBeVisible();
  await expect(page.getByText("Replaced", { exact: true })).toBeVisible();

  await page.goto("/admin/customers?q=%2B79990001991");
  await page.locator("tbody tr").first().getByRole("link").first().click();
  const dupBalance = Number((await page.getByTestId("balance-main").textContent())!.replace(/\D/g, ""));
  await page.goto(customerUrl);
  await page.getByText("Merge a duplicate").click();
  const mergeForm = page.getByRole("form", { name: "Merge a duplicate" });
  // A fuzzy name is refused: the duplicate is named exactly, and both customers are shown first.
  await mergeForm.getByLabel(/Duplicate/).fill("Ivan");
  await mergeForm.getByRole("button", { name: "Find the duplicate" }).click();
  await expect(mergeForm.getByText(/exact id, phone/).first()).toBeVisible();
  await mergeForm.getByLabel(/Duplicate/).fill("+79990001991");
  await mergeForm.getByRole("button", { name: "Find the duplicate" }).click();
  await expect(page.getByTestId("merge-duplicate")).toContainText("+79990001991");
  await expect(page.getByTestId("merge-keep")).toBeVisible();
  await mergeForm.getByLabel("Reason").fill("Same fan registered twice (web and till)");
  await mergeForm.getByRole("button", { name: "Merge into this customer" }).click();
  await expect(page.getByRole("dialog")).toContainText("cannot be undone");
  await page.getByRole("dialog").getByRole("button", { name: "Merge into this customer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Customers merged" })).toBeVisible();
  await expect(page.getByTestId("balance-main")).toHaveText(new Intl.NumberFormat("en-GB").format(mainBefore + dupBalance));
  await expect(page.getByTestId("customer-audit")).toContainText("customer.merge");
  await page.goto("/admin/customers?q=%2B79990001991");
  await expect(page.getByText("Nobody matches")).toBeVisible();
});

test("the owner issues and revokes a POS key, adds a staff user and reads the audit log", async ({ page, request }) => {
  await signIn(page, "owner@tribune.demo");
  await page.goto("/admin/stores");
  await expect(page.getByRole("heading", { name: "Stores & keys" })).toBeVisible();
  await snap(page, "console-stores");
  await page.getByRole("link", { name: "New store" }).click();
  await page.getByLabel("Code").fill("e2e-01");
  await page.getByLabel("Name").fill("E2E pop-up store");
  await page.getByLabel("Time zone").fill("Asia/Vladivostok");
  await page.getByLabel("Tags").fill("popup, Outlet");
  await snap(page, "console-store-new");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: "E2E pop-up store" })).toBeVisible();
  await expect(page.getByLabel("Tags")).toHaveValue("popup, outlet");
  await page.getByLabel("Till name").fill("E2E till");
  await page.getByRole("button", { name: "Issue a key" }).click();
  const key = (await page.getByTestId("new-key").textContent())!.trim();
  expect(key).toMatch(/^trm_live_[0-9A-Za-z]{32}$/);
  const lookup = await request.get("/api/pos/v1/customers/lookup?phone=%2B79990000001", { headers: { authorization: `Bearer ${key}` } });
  expect(lookup.status()).toBe(200);
  await snap(page, "console-store-key");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("new-key")).toHaveCount(0);
  const row = page.getByTestId("terminals").locator("li").filter({ hasText: "E2E till" });
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");
  const after = await request.get("/api/pos/v1/customers/lookup?phone=%2B79990000001", { headers: { authorization: `Bearer ${key}` } });
  expect(after.status()).toBe(401);

  await page.goto("/admin/staff");
  const form = page.getByRole("form", { name: "Create account" });
  await form.getByLabel("Email").fill("new.agent@tribune.demo");
  await form.getByLabel("Name").fill("Nina Newcomer");
  await form.getByLabel("Role").selectOption("support");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("one-time-secret")).toBeVisible();
  await expect(page.locator("tbody")).toContainText("Nina Newcomer");
  await snap(page, "console-staff");
  await page.locator("tbody tr").filter({ hasText: "Nina Newcomer" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /Nina Newcomer/ })).toBeVisible();
  await snap(page, "console-staff-user");

  await page.goto("/admin/audit?action=terminal");
  await expect(page.locator("tbody")).toContainText("terminal.revoke");
  await expect(page.locator("tbody")).toContainText("terminal.issue");
  await page.goto("/admin/audit");
  await expect(page.locator("tbody")).toContainText("staff.create");
  await snap(page, "console-audit");
});

test("support answers a deletion request by anonymising the member", async ({ page }) => {
  await signIn(page, "support@tribune.demo");
  await page.goto("/admin/customers");
  await page.getByRole("link", { name: /^Deletion requests \(\d+\)$/ }).click();
  await expect(page.getByRole("heading", { name: "Deletion requests", level: 1 })).toBeVisible();
  const rows = page.locator("tbody tr");
  const before = await rows.count();
  expect(before).toBeGreaterThan(0);
  await snap(page, "console-deletion-requests");
  const first = rows.first();
  const phone = (await first.locator("td").nth(1).locator(".tabular-nums").textContent())!.trim();
  const href = (await first.getByRole("link").first().getAttribute("href"))!;
  await first.getByRole("button", { name: "Anonymise" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Anonymise" }).click();
  // The answered request leaves the list (its row, toast included, re-renders away).
  await expect(rows).toHaveCount(before - 1);
  await expect(page.locator("tbody")).not.toContainText(phone);
  // The member's page keeps the history but no personal data.
  await page.goto(href);
  await expect(page.getByTestId("balance-main")).toBeVisible();
  await expect(page.locator("main")).not.toContainText(phone);
});
