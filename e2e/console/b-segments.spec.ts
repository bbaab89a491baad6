// Marketer console, part B: dashboard, a segment built, saved and exported, program rules
// edited into a new version; an analyst reads the same pages without write controls.
import { readFileSync } from "node:fs";
import { expect, test } from "../test";
import { snap } from "../screenshot";
import { settledCount } from "../live-count";
import { english, signIn } from "./a-helpers";

test.beforeEach(async ({ context, baseURL }) => english(context, baseURL));

test("a marketer builds a segment with a live count, saves it and exports it as CSV", async ({ page }) => {
  await signIn(page, "marketer@tribune.demo");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();
  await expect(page.getByTestId("dash-members-total")).toHaveText(/\d/);
  await snap(page, "console-dashboard");
  await page.getByRole("link", { name: "12 months" }).click();
  await expect(page).toHaveURL(/period=365d/);

  await page.goto("/admin/segments");
  await expect(page.getByRole("heading", { name: "Segments", exact: true })).toBeVisible();
  await snap(page, "console-segments-empty");
  await page.getByRole("link", { name: "+ New segment" }).click();
  await expect(page.getByRole("heading", { name: "New segment", exact: true })).toBeVisible();

  // No conditions: everyone.
  await expect(page.getByTestId("segment-count")).toHaveText(/\d/);
  const everyone = await settledCount(page);
  await snap(page, "console-segment-new");
  expect(everyone).toBeGreaterThan(100);

  // Email consent given.
  await page.getByLabel("Add condition").selectOption({ label: "Consent" });
  await page.getByRole("button", { name: "+ Add condition" }).click();
  await expect.poll(() => settledCount(page)).toBeLessThan(everyone);
  const consenting = await settledCount(page);

  // … and registered on the website: a status chip must be picked first (invalid until then).
  await page.getByLabel("Add condition").selectOption({ label: "Registration channel" });
  await page.getByRole("button", { name: "+ Add condition" }).click();
  await expect(page.getByText("Fix the highlighted conditions to see the count.")).toBeVisible();
  await page.getByRole("group", { name: "Registration channel" }).getByRole("button", { name: "Website" }).click();
  await expect.poll(() => settledCount(page)).toBeLessThan(consenting);
  const size = await settledCount(page);
  expect(size).toBeGreaterThan(0);
  await expect(page.getByRole("heading", { name: "Sample of members" })).toBeVisible();

  await page.getByLabel("Segment name").fill("Website fans with email consent");
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page).toHaveURL(/\/admin\/segments\/seg_/);
  await expect(page.getByRole("heading", { name: "Website fans with email consent" })).toBeVisible();
  await expect(page.getByText("Segment created.")).toBeVisible();
  await expect.poll(() => settledCount(page)).toBe(size);
  await snap(page, "console-segment-builder");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("id,first_name,last_name,phone,email,birth_date,tier,balance,registration_channel,email_consent,sms_consent,registered_at");
  expect(lines).toHaveLength(size + 1);
  expect(lines.slice(1).every((l) => l.startsWith("cus_") && l.includes(",web,true,"))).toBe(true);

  expect((await page.request.get("/api/admin/segments/seg_of_nobody/export")).status()).toBe(404);

  await page.getByRole("link", { name: "Members" }).first().click();
  await expect(page.getByRole("heading", { name: /Members of/ })).toBeVisible();
  await expect(page.getByText(`${size.toLocaleString("en")} customers match now`)).toBeVisible();
  await snap(page, "console-segment-members");

  await page.goto("/admin/segments");
  await expect(page.getByRole("link", { name: "Website fans with email consent" })).toBeVisible();
  await snap(page, "console-segments");
});

test("a marketer changes a status's cashback: a new version with a readable diff", async ({ page }) => {
  await signIn(page, "marketer@tribune.demo");
  await page.goto("/admin/program");
  await expect(page.getByRole("heading", { name: "Program rules" })).toBeVisible();
  const tier = page.getByTestId("program-tier").nth(1);
  await tier.getByLabel("Cashback, %").fill("6.5");
  await page.getByLabel("What changed and why").fill("Regular cashback up for the derby");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByText(/Saved as version \d+\./)).toBeVisible();
  const latest = page.getByTestId("program-version").first();
  await expect(latest).toContainText("Regular cashback up for the derby");
  await expect(latest).toContainText("tiers[1].earnRate");
  await expect(latest).toContainText("6.5");
  await snap(page, "console-program");

  // Invalid input is refused with its path and nothing is saved.
  await tier.getByLabel("Cashback, %").fill("150");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "tiers[1].earnRate" })).toBeVisible();
  await snap(page, "console-program-invalid");
});

test("an analyst reads dashboard, segments and rules without write controls", async ({ page }) => {
  await signIn(page, "analyst@tribune.demo");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();
  await page.goto("/admin/segments/new");
  await expect(page.getByRole("heading", { name: "No access" })).toBeVisible();
  await page.goto("/admin/segments");
  await expect(page.getByRole("link", { name: "+ New segment" })).toHaveCount(0);
  await page.goto("/admin/program");
  await expect(page.getByText("Your role can view the rules but not change them.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save as a new version" })).toHaveCount(0);
  await expect(page.getByTestId("program-tier").first().getByLabel("Cashback, %")).toBeDisabled();
});
