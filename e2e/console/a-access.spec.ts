// Staff sign-in, lockout, roles: the analyst sees everything read-only and the server refuses
// their writes; partner managers and strangers are kept out.
import pg from "pg";
import { expect, test } from "../test";
import { snap } from "../screenshot";
import { english, signIn } from "./a-helpers";

/**
 * A partner manager of its own (the bar's partner, password tribune-demo) that only this test
 * locks: the portal's specs sign in as the demo managers at the same time.
 */
async function lockoutManager(): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`
      insert into "StaffUser" (id, "programId", "partnerId", email, name, role, "passwordHash")
      select 'stf_e2e_lockout', "programId", "partnerId", 'lockout@tribune.demo', 'Lockout test', role, "passwordHash"
      from "StaffUser" where email = 'pub@tribune.demo'
      on conflict (email) do update set "failedLogins" = 0, "lockedUntil" = null`);
  } finally {
    await client.end();
  }
  return "lockout@tribune.demo";
}

test.beforeEach(async ({ context, baseURL }) => english(context, baseURL));

test("sign-in explains wrong passwords and the 15-minute lockout", async ({ page }) => {
  await page.goto("/admin/customers");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  await snap(page, "console-sign-in");
  await page.getByLabel("Work email").fill(await lockoutManager());
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Password").fill(`wrong-password-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#sign-in-error")).toContainText(i < 4 ? "Wrong email or password" : "locked for 15 minutes");
  }
  // Even the right password is refused while locked.
  await page.getByLabel("Password").fill("tribune-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#sign-in-error")).toContainText("locked for 15 minutes");
  await snap(page, "console-sign-in-locked");
});

test("a partner manager cannot use the console", async ({ page }) => {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Work email").fill("coffee@tribune.demo");
  await page.getByLabel("Password").fill("tribune-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "No access" })).toBeVisible();
  await page.goto("/admin/customers");
  await expect(page.getByRole("heading", { name: "No access" })).toBeVisible();
  await snap(page, "console-forbidden-partner");
});

test("an analyst sees read-only pages and the server refuses their writes", async ({ page, browser, baseURL }) => {
  // A support agent's adjust request, captured and never sent: the analyst will replay it.
  const supportCtx = await browser.newContext();
  await english(supportCtx, baseURL);
  const support = await supportCtx.newPage();
  await signIn(support, "support@tribune.demo");
  await support.goto("/admin/customers?q=%2B79990000077");
  await support
    .getByRole("link", { name: /.+/ })
    .filter({ has: support.locator("xpath=ancestor::td") })
    .first()
    .click();
  const balance = (await support.getByTestId("balance-main").textContent())!;
  const customerUrl = support.url();
  let captured: { headers: Record<string, string>; body: string } | null = null;
  await support.route("**/admin/customers/**", async (route) => {
    const req = route.request();
    if (req.method() === "POST" && req.headers()["next-action"]) {
      captured = { headers: req.headers(), body: req.postData() ?? "" };
      await route.abort();
    } else await route.continue();
  });
  const form = support.getByRole("form", { name: "Adjust points" });
  await form.getByLabel("Points").fill("999");
  await form.getByLabel("Reason").fill("captured for the analyst test");
  await form.getByRole("button", { name: "Adjust balance" }).click();
  await expect.poll(() => captured !== null).toBe(true);
  await supportCtx.close();

  await signIn(page, "analyst@tribune.demo");
  const nav = page.getByRole("navigation", { name: "Console sections" }).first();
  await expect(nav.getByRole("link", { name: "Customers" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Staff" })).toHaveCount(0);
  await page.goto(customerUrl);
  await expect(page.getByTestId("balance-main")).toHaveText(balance);
  await expect(page.getByRole("heading", { name: "Actions" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Adjust|Block|Merge|Issue/ })).toHaveCount(0);
  await snap(page, "console-customer-analyst");
  await page.goto("/admin/stores");
  await expect(page.getByRole("heading", { name: "Stores & keys" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New store" })).toHaveCount(0);
  await page.goto("/admin/staff");
  await expect(page.getByRole("heading", { name: "No access" })).toBeVisible();

  // The server refuses the replayed write with the analyst's session, and nothing changes.
  const c = captured as unknown as { headers: Record<string, string>; body: string };
  const res = await page.request.post(customerUrl, {
    headers: { "next-action": c.headers["next-action"], "content-type": c.headers["content-type"], accept: "text/x-component", "next-router-state-tree": c.headers["next-router-state-tree"] ?? "" },
    data: c.body,
  });
  expect(await res.text()).toContain("No access: your account may not do this.");
  await page.goto(customerUrl);
  await expect(page.getByTestId("balance-main")).toHaveText(balance);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to the console" })).toBeVisible();
  await page.goto(customerUrl);
  await expect(page).toHaveURL(/\/admin\/sign-in/);
});
