// A coalition partner runs its own campaigns and mailings: Half-Time Coffee's manager creates a
// campaign (the owner's bounds refuse 30 %), sees it in the calendar, sends a mailing to one of its
// saved groups (delivered by the real jobs, statistics on its page), and the owner approves the
// campaign in the console, after which it runs. Another partner's or an unknown campaign is a 404.
import { expect, test, type Page } from "../test";
import { deliverAt, runJob } from "../jobs";
import { hasHorizontalScroll, snap } from "../screenshot";
import type { Locale } from "@/lib/i18n/locales";
import { DEMO_GROUPS } from "@/lib/seed/partner-portal-texts";

const PASSWORD = "tribune-demo";
// The language the specs read the portal in; the demo's "regular guests" group is named in it.
const LOCALE: Locale = "en";
const REGULARS = DEMO_GROUPS.coffee[0].name[LOCALE];
const STAMP = Date.now().toString(36).slice(-5);
const CAMPAIGN = `Espresso hour ${STAMP}`;
const MAILING = `Coffee news ${STAMP}`;

test.beforeEach(async ({ context, baseURL }) => {
  await context.addCookies([{ name: "tribune_locale", value: LOCALE, url: baseURL ?? "http://localhost:3000" }]);
});

async function signIn(page: Page, area: "partner" | "admin", email: string) {
  await page.goto(`/${area}/sign-in`);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}

function today() {
  return new Date().toLocaleDateString("en-CA", { timeZone: "Europe/Moscow" });
}

test("a partner creates a campaign, sees it in the calendar, mails its customers; the owner approves the campaign", async ({ page, browser, baseURL }) => {
  // Two jobs run in between (send-campaigns, deliver-messages), each a process of its own.
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "partner", "coffee@tribune.demo");

  // The demo's campaigns: one finished with uses from the season, one running, one waiting.
  await page.getByRole("navigation", { name: "Partner portal sections" }).getByRole("link", { name: "Campaigns" }).click();
  await expect(page.getByRole("heading", { name: "Campaigns", level: 1 })).toBeVisible();
  await expect(page.getByTestId("campaign-bounds")).toContainText("Up to 15 %");
  const list = page.getByRole("table", { name: "Campaigns" });
  await expect(list).toContainText("Autumn latte: 10 % off");
  await expect(list.getByRole("row").filter({ hasText: "Autumn latte" })).toContainText("Finished");
  await expect(list.getByRole("row").filter({ hasText: "Croissant with coffee" })).toContainText("Running");
  await expect(list).toContainText("Awaiting approval");
  await expect(list).not.toContainText("Wings week");
  await snap(page, "partner-campaigns");
  expect(await hasHorizontalScroll(page)).toBe(false);

  // Beyond the owner's bounds: refused on the server, next to the fields.
  await page.getByRole("link", { name: "+ New campaign" }).first().click();
  await page.getByLabel("Name customers see").fill(CAMPAIGN);
  await page.getByLabel("Percent").fill("30");
  await page.getByLabel("From").fill(today());
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByText("At most 15 %.")).toBeVisible();
  await expect(page.getByText(/Set a budget of at most/)).toBeVisible();
  await snap(page, "partner-campaign-bounds");
  await page.getByLabel("Percent").fill("10");
  await page.getByLabel("SKUs (comma-separated)").fill("AMERICANO");
  await page.getByLabel(/Money budget/).fill("2000");
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByTestId("campaign-title")).toHaveText(CAMPAIGN);
  await expect(page.getByTestId("campaign-approval")).toBeVisible();
  await expect(page.getByText("Awaiting approval").first()).toBeVisible();
  const campaignUrl = page.url();
  await snap(page, "partner-campaign-waiting");

  // The calendar: this month, with the new campaign (planned until approved) and the running one.
  await page.getByRole("navigation", { name: "Partner portal sections" }).getByRole("link", { name: "Calendar" }).click();
  const calendar = page.getByRole("table", { name: /Campaigns and mailings in/ });
  await expect(calendar.getByTestId("calendar-row").filter({ hasText: CAMPAIGN })).toBeVisible();
  await expect(calendar).toContainText("Croissant with coffee");
  await snap(page, "partner-calendar");

  // A mailing to all its customers, through the real jobs and gates.
  await page.getByRole("navigation", { name: "Partner portal sections" }).getByRole("link", { name: "Mailings" }).click();
  await expect(page.getByRole("table", { name: "Mailings" })).toContainText("Winter menu at the west stand");
  await snap(page, "partner-mailings");
  await page.getByRole("link", { name: "+ New mailing" }).first().click();
  await expect(page.getByTestId("mailing-audience")).toContainText(/[1-9]/);
  await page.getByLabel("Name (only you see it)").fill(MAILING);
  // To one of its saved groups (the demo's "regular guests": two receipts or more in 90 days).
  await page.getByLabel("Who gets it").selectOption({ label: `Group: ${REGULARS}` });
  await page.getByLabel("Subject, Russian").fill("{name}, новости кофейни");
  await page.getByLabel("Text, Russian").fill("{name}, у нас новый эспрессо.");
  await page.getByLabel("Subject, English (optional)").fill("{name}, coffee news");
  await page.getByLabel("Text, English (optional)").fill("{name}, we have a new espresso.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByTestId("mailing-title")).toHaveText(MAILING);
  await page.getByRole("button", { name: "Send now" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Send now" }).click();
  await expect(page.getByText("Queued: the mailing goes out within minutes.")).toBeVisible();
  runJob("send-campaigns", deliverAt());
  runJob("deliver-messages", deliverAt());
  await page.reload();
  await expect(page.getByText("Sent", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("mailing-audience")).not.toHaveText("0");
  await expect(page.getByTestId("mailing-sent")).not.toHaveText("0");
  await expect(page.getByTestId("mailing-group")).toHaveText(`Group: ${REGULARS}`);
  await snap(page, "partner-mailing-stats");

  // Another partner's (or an unknown) campaign is not found.
  await page.goto("/partner/campaigns/pub-not-ours");
  await expect(page.getByText(/not found/i).first()).toBeVisible();

  // The owner approves it in the console; then it runs.
  const owner = await browser.newContext({ baseURL });
  await owner.addCookies([{ name: "tribune_locale", value: LOCALE, url: baseURL ?? "http://localhost:3000" }]);
  const console_ = await owner.newPage();
  await console_.setViewportSize({ width: 1280, height: 900 });
  await signIn(console_, "admin", "owner@tribune.demo");
  await console_.goto("/admin/partner-campaigns");
  const row = console_.getByTestId("review-row").filter({ hasText: CAMPAIGN });
  await expect(row).toContainText("Half-Time Coffee");
  await expect(row).toContainText("10 % off");
  await expect(console_.getByTestId("review-row").filter({ hasText: "Cider Fridays" })).toContainText("Extra Time");
  await snap(console_, "console-partner-campaigns");
  await row.getByLabel("Note to the partner").fill("Fine for December");
  await row.getByRole("button", { name: "Approve" }).click();
  // Decided: it leaves the queue (its form with it).
  await expect(console_.getByTestId("review-row").filter({ hasText: CAMPAIGN })).toHaveCount(0);
  await expect(console_.getByRole("heading", { name: "Awaiting approval (2)" })).toBeVisible();
  await owner.close();

  await page.goto(campaignUrl);
  await expect(page.getByText("Running").first()).toBeVisible();
  await expect(page.getByTestId("campaign-reviews")).toContainText("Approved");
  await expect(page.getByTestId("campaign-reviews")).toContainText("Fine for December");
  await snap(page, "partner-campaign-running");
});
