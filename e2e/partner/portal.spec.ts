// The coalition partner portal: sign-in (strangers and console staff refused), the dashboard,
// receipts with masked members, POS keys of the partner's own stores, sign-out.
import { expect, test, type Page } from "../test";
import { hasHorizontalScroll, snap } from "../screenshot";

const PASSWORD = "tribune-demo";

test.beforeEach(async ({ context, baseURL }) => {
  await context.addCookies([{ name: "tribune_locale", value: "en", url: baseURL ?? "http://localhost:3000" }]);
});

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("wrong passwords and console staff are refused", async ({ page }) => {
  await page.goto("/partner");
  await expect(page).toHaveURL(/\/partner\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in to the partner portal" })).toBeVisible();
  await snap(page, "partner-sign-in");
  await signIn(page, "nobody@tribune.demo", "wrong-password");
  await expect(page.locator("#sign-in-error")).toContainText("Wrong email or password");
  // An analyst of the console has the right password but no partner: refused and signed out.
  await signIn(page, "analyst@tribune.demo");
  await expect(page.locator("#sign-in-error")).toContainText("not a partner manager");
  await page.goto("/partner/receipts");
  await expect(page).toHaveURL(/\/partner\/sign-in/);
});

test("a partner manager sees the dashboard, receipts and keys of its own stores, then signs out", async ({ page }) => {
  await page.goto("/partner/sign-in");
  await signIn(page, "coffee@tribune.demo");
  await expect(page).toHaveURL(/\/partner$/);
  await expect(page.getByRole("heading", { name: "Half-Time Coffee: dashboard" })).toBeVisible();
  await expect(page.getByTestId("partner-receipts")).not.toHaveText("0");
  await expect(page.getByRole("table", { name: "Top stores" })).toContainText("Half-Time Coffee, west stand");
  await expect(page.getByRole("table", { name: "Top stores" })).not.toContainText("Extra Time");
  await page.getByRole("link", { name: "Year" }).click();
  await expect(page).toHaveURL(/period=365d/);
  await expect(page.getByRole("link", { name: "Year" })).toHaveAttribute("aria-current", "page");
  await snap(page, "partner-dashboard");
  expect(await hasHorizontalScroll(page)).toBe(false);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("navigation", { name: "Partner portal sections" }).getByRole("link", { name: "Receipts" }).click();
  await expect(page.getByRole("heading", { name: "Receipts", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Receipts" });
  await expect(table.getByTestId("receipt-link").first()).toBeVisible();
  // Only the partner's store, members by first name and masked phone.
  await expect(table).not.toContainText("Extra Time");
  expect(await table.textContent()).not.toMatch(/\+7\d{10}/);
  await expect(table).toContainText("•••");
  await snap(page, "partner-receipts");
  expect(await hasHorizontalScroll(page)).toBe(false);

  // Search by a receipt number that does not exist: the empty state.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByLabel("Receipt number").fill("NO-SUCH-RECEIPT");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No receipts found")).toBeVisible();
  await page.getByRole("link", { name: "Reset" }).click();

  await table.getByTestId("receipt-link").first().click();
  await expect(page.getByTestId("receipt-title")).toContainText("Receipt");
  await expect(page.getByRole("heading", { name: "Lines" })).toBeVisible();
  expect(await page.locator("main").textContent()).not.toMatch(/\+7\d{10}/);
  await snap(page, "partner-receipt");

  // Another partner's receipt id (or any unknown id) is a 404.
  await page.goto("/partner/receipts/rcp_not_ours");
  await expect(page.getByText(/not found/i).first()).toBeVisible();

  // Keys: issue one (shown once), then revoke it.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/partner/stores");
  await expect(page.getByRole("heading", { name: /Half-Time Coffee, west stand/ })).toBeVisible();
  const store = page.locator("#store-coffee-stadium");
  await store.getByLabel("Till name").fill("E2E till");
  await store.getByRole("button", { name: "Issue a key" }).click();
  await expect(store.getByTestId("new-key")).toHaveText(/^trm_live_[0-9A-Za-z]{32}$/);
  const key = (await store.getByTestId("new-key").textContent())!.trim();
  await snap(page, "partner-stores");
  await store.getByRole("button", { name: "Done" }).click();
  const row = store.getByTestId("terminal-row").filter({ hasText: "E2E till" });
  // A partner's key waits for the owner's approval: the POS API refuses it until then.
  await expect(row).toContainText("Waiting for the owner's approval");
  const pos = await page.request.get("/api/pos/v1/customers/lookup?phone=%2B79990000001", { headers: { authorization: `Bearer ${key}` } });
  expect(pos.status()).toBe(403);
  expect((await pos.json()).error.code).toBe("terminal_not_approved");
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/partner\/sign-in/);
  await page.goto("/partner");
  await expect(page).toHaveURL(/\/partner\/sign-in/);
});
