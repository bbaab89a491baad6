// The partner portal's customers, groups, business contacts and earn rate: a partner manager
// filters its customers, saves a group, opens a card, downloads the CSV, adds a contact and
// changes its earn rate within the owner's range (and is refused outside it); the owner sees the
// contact and the range in the console. Members only ever appear masked.
import { expect, test, type Page } from "../test";
import { hasHorizontalScroll, snap } from "../screenshot";
import { settledCount } from "../live-count";
import type { Locale } from "@/lib/i18n/locales";
import { DEMO_FEEDBACK, DEMO_GROUPS } from "@/lib/seed/partner-portal-texts";

const PASSWORD = "tribune-demo";
const FULL_PHONE = /\+7\d{10}/;
// The language the specs read the portal in: the demo's group names are looked up in it.
const LOCALE: Locale = "en";
const group = (partner: string, i: number) => DEMO_GROUPS[partner][i].name[LOCALE];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test.beforeEach(async ({ context, baseURL }) => {
  await context.addCookies([{ name: "tribune_locale", value: LOCALE, url: baseURL ?? "http://localhost:3000" }]);
});

async function signIn(page: Page, email: string, path = "/partner/sign-in") {
  await page.goto(path);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Partner portal sections" });

test("a partner manager works with its customers: groups, a card, the CSV", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "coffee@tribune.demo");
  await expect(page).toHaveURL(/\/partner$/);
  await nav(page).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Customers" });
  await expect(table.getByTestId("customer-link").first()).toBeVisible();
  const total = Number((await page.getByTestId("customers-count").textContent())!.replace(/\D/g, ""));
  expect(total).toBeGreaterThan(20);
  expect(await table.textContent()).not.toMatch(FULL_PHONE);
  await expect(table).toContainText("•••");
  // The demo's saved groups of this partner (and not the bar's).
  const groups = page.getByRole("navigation", { name: "Groups" });
  await expect(groups.getByTestId("group-chip")).toHaveCount(2);
  await expect(groups).toContainText(group("coffee", 0));
  await expect(groups).not.toContainText(group("pub", 0));
  await snap(page, "partner-customers");
  expect(await hasHorizontalScroll(page)).toBe(false);

  // Search by the first name of the first customer: every row has that name.
  await page.setViewportSize({ width: 1280, height: 900 });
  const firstLink = table.getByTestId("customer-link").first();
  const name = (await firstLink.evaluate((el) => el.firstChild?.textContent ?? "")).trim();
  await page.getByLabel("First name or whole phone").fill(name);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=/);
  // The URL changes before the filtered table has replaced the first one: wait for the rows.
  const names = () => table.getByTestId("customer-link").evaluateAll((els) => els.map((el) => (el.firstChild?.textContent ?? "").trim()));
  await expect
    .poll(async () => {
      const shown = await names();
      return shown.length > 0 && shown.every((n) => n.toLowerCase().startsWith(name.toLowerCase()));
    })
    .toBe(true);
  await page.getByRole("link", { name: "Reset" }).click();

  // A new group: only the partner's conditions are offered; 3+ receipts in a year.
  await page.getByRole("link", { name: "New group" }).click();
  await expect(page.getByRole("heading", { name: "New group of customers" })).toBeVisible();
  const kinds = await page.getByLabel("Add condition").locator("option").allTextContents();
  expect(kinds).toContain("Receipts in a period");
  expect(kinds.join("|")).not.toMatch(/Points balance|Visits|last visit|at a partner|Registration channel/);
  await page.getByLabel("Add condition").selectOption({ label: "Receipts in a period" });
  await page.getByRole("button", { name: "+ Add condition" }).click();
  await page.getByLabel("Receipts in a period", { exact: true }).fill("3");
  // The live count follows the condition (debounced; read once it is for "3"): fewer than all, more than none.
  await expect(page.getByTestId("segment-count")).toHaveText(/^\d[\d,]*$/);
  const groupCount = await settledCount(page);
  expect(groupCount).toBeLessThan(total);
  expect(groupCount).toBeGreaterThan(0);
  await snap(page, "partner-group-builder");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByLabel("Group name").fill("E2E: three visits");
  await page.getByRole("button", { name: "Save group" }).click();
  await expect(page).toHaveURL(/\/partner\/customers\?group=psg_/);
  await expect(groups.getByRole("link", { name: "E2E: three visits" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("customers-count")).toHaveText(new RegExp(`^${groupCount.toLocaleString("en-GB")} customers$`));

  // The CSV of the group: the same members, phones masked.
  const href = (await page.getByTestId("customers-export").getAttribute("href"))!;
  expect(href).toMatch(/^\/api\/partner\/customers\/export\?group=psg_/);
  const csv = await page.request.get(href);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  const lines = text.trim().split(/\r\n/);
  expect(lines[0].replace(/^\uFEFF/, "")).toBe("member_ref,first_name,phone_masked,receipts,spend_minor,points_earned,points_redeemed,first_purchase,last_purchase");
  expect(lines).toHaveLength(groupCount + 1);
  expect(text).not.toMatch(FULL_PHONE);
  expect(text).not.toContain("cus_");
  // An unknown (or another partner's) group is a 404, in the export too.
  expect((await page.request.get("/api/partner/customers/export?group=psg_not_ours")).status()).toBe(404);

  // A customer's card.
  await table.getByTestId("customer-link").first().click();
  await expect(page.getByTestId("customer-title")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Receipts at your stores" })).toBeVisible();
  await expect(page.getByTestId("card-receipts").locator("li").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Feedback about you" })).toBeVisible();
  expect(await page.locator("main").textContent()).not.toMatch(FULL_PHONE);
  await snap(page, "partner-customer-card");
  // A made-up reference, or a customer id, is a 404.
  await page.goto("/partner/customers/cus_00000000000000000000000000");
  await expect(page.getByText(/not found/i).first()).toBeVisible();
  await page.goto("/partner/customers/groups/psg_not_ours");
  await expect(page.getByText(/not found/i).first()).toBeVisible();
  await page.goto("/partner/customers");
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
});

test("feedback addressed to the partner shows on the member's card", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "coffee@tribune.demo");
  await expect(page).toHaveURL(/\/partner$/);
  // The demo's coffee feedback comes from recent customers: search the latest pages for a card with it.
  await page.goto("/partner/customers?sort=-last&size=100");
  const refs = await page.getByTestId("customer-link").evaluateAll((els) => els.map((el) => el.getAttribute("href")!));
  let found = false;
  for (const href of refs.slice(0, 60)) {
    await page.goto(href);
    if (await page.getByTestId("card-feedback").isVisible()) {
      found = true;
      break;
    }
  }
  expect(found).toBe(true);
  // A thread is in its member's language: any of the coffee subjects, in Russian or English.
  const subjects = DEMO_FEEDBACK.coffee.flatMap((f) => [f.ru.subject, f.en.subject]);
  await expect(page.getByTestId("card-feedback")).toContainText(new RegExp(subjects.map(escape).join("|")));
  await expect(page.getByTestId("card-feedback")).not.toContainText("Extra Time");
  await snap(page, "partner-customer-feedback");
});

test("business contacts and the earn rate; the owner sees them in the console", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "coffee@tribune.demo");
  await expect(page).toHaveURL(/\/partner$/);

  // Contacts: the demo's three, a bad one refused with the field's error, a good one added.
  await nav(page).getByRole("link", { name: "Contacts" }).click();
  await expect(page.getByRole("heading", { name: "Business contacts", level: 1 })).toBeVisible();
  await expect(page.getByTestId("contact-row")).toHaveCount(3);
  const form = page.getByRole("form", { name: "Add a contact" });
  await form.getByLabel("Name").fill("Pavel E2E");
  await form.getByLabel("Role").fill("Night manager");
  await form.getByLabel("Email").fill("not-an-email");
  await form.getByLabel("Phone (optional)").fill("12");
  // The browser's own email check is bypassed: the server's answer is what counts.
  await form.evaluate((f) => f.setAttribute("novalidate", ""));
  await form.getByRole("button", { name: "Add" }).click();
  await expect(form.getByText(/email/i).last()).toBeVisible();
  await expect(page.getByTestId("contact-row")).toHaveCount(3);
  await form.getByLabel("Email").fill("pavel.e2e@halftime.coffee");
  await form.getByLabel("Phone (optional)").fill("8 916 555-44-33");
  await form.getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("contact-row")).toHaveCount(4);
  const pavel = page.getByTestId("contact-row").filter({ hasText: "Pavel E2E" });
  await expect(pavel).toContainText("+79165554433");
  await snap(page, "partner-contacts");
  await page.setViewportSize({ width: 1280, height: 900 });

  // The earn rate: 4 % within 2–8 %; 9 % is refused and changes nothing; 5.5 % is a new version.
  await nav(page).getByRole("link", { name: "Earn rate" }).click();
  await expect(page.getByRole("heading", { name: "Earn rate", level: 1 })).toBeVisible();
  await expect(page.getByTestId("current-rate")).toHaveText("4 %");
  await expect(page.getByTestId("rate-bounds")).toHaveText("2 % – 8 %");
  await page.getByLabel("New rate, %").fill("9");
  await page.getByRole("button", { name: "Change the rate" }).click();
  await expect(page.getByText("The rate must be between 2 % and 8 %").first()).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("current-rate")).toHaveText("4 %");
  await page.getByLabel("New rate, %").fill("5.5");
  await page.getByRole("button", { name: "Change the rate" }).click();
  await expect(page.getByText(/Earn rate changed: program rules v\d+/).first()).toBeVisible();
  await expect(page.getByTestId("current-rate")).toHaveText("5.5 %");
  await expect(page.getByTestId("rate-history")).toContainText("4 % → 5.5 %");
  await snap(page, "partner-rate");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/partner\/sign-in/);

  // The owner: the partner's contacts (read-only) and its range, and the new rate.
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "owner@tribune.demo", "/admin/sign-in");
  await expect(page.getByTestId("staff-name")).toBeVisible();
  await page.goto("/admin/partners");
  const partners = page.getByRole("table", { name: "Partners" });
  const coffee = partners.getByRole("row").filter({ hasText: "Half-Time Coffee" });
  await expect(coffee).toContainText("5.5 %");
  await expect(coffee).toContainText("2 % – 8 %");
  await snap(page, "console-partners");
  await page.setViewportSize({ width: 1280, height: 900 });
  await coffee.getByRole("link", { name: "Half-Time Coffee" }).click();
  await expect(page.getByTestId("partner-contacts")).toContainText("Pavel E2E");
  await expect(page.getByTestId("partner-contacts")).toContainText("Night manager");
  await expect(page.getByTestId("partner-contacts")).not.toContainText("Дмитрий Соколов");
  // The owner widens the range.
  await page.getByLabel("Maximum, %").fill("9");
  await page.getByRole("button", { name: "Save the range" }).click();
  await expect(page.getByText("Range saved").first()).toBeVisible();
  await snap(page, "console-partner");
});

test("another partner sees none of it: groups, cards, contacts, the CSV", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  // What Half-Time Coffee has: a group, a customer's card.
  await signIn(page, "coffee@tribune.demo");
  await expect(page).toHaveURL(/\/partner$/);
  await page.goto("/partner/customers");
  const groupHref = (await page.getByTestId("group-chip").first().getAttribute("href"))!;
  const groupId = new URL(groupHref, "http://x").searchParams.get("group")!;
  const cardHref = (await page.getByTestId("customer-link").first().getAttribute("href"))!;
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/partner\/sign-in/);

  // The sports bar's manager tries each of them.
  await signIn(page, "pub@tribune.demo");
  await expect(page).toHaveURL(/\/partner$/);
  for (const href of [`/partner/customers/groups/${groupId}`, groupHref, cardHref]) {
    await page.goto(href);
    await expect(page.getByText(/not found/i).first()).toBeVisible();
  }
  expect((await page.request.get(`/api/partner/customers/export?group=${groupId}`)).status()).toBe(404);
  await page.goto("/partner/customers");
  await expect(page.getByRole("navigation", { name: "Groups" })).not.toContainText(group("coffee", 0));
  await expect(page.getByRole("navigation", { name: "Groups" })).toContainText(group("pub", 0));
  await page.goto("/partner/contacts");
  await expect(page.getByTestId("contacts")).toContainText("Дмитрий Соколов");
  await expect(page.getByTestId("contacts")).not.toContainText("Мария Орлова");
  await page.goto("/partner/rate");
  await expect(page.getByTestId("rate-bounds")).toHaveText("3 % – 10 %");
  // Without a session the export is refused.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/partner\/sign-in/);
  expect((await page.request.get("/api/partner/customers/export")).status()).toBe(401);
});
