// Campaigns: a marketer builds a segment, writes a two-variant campaign to it with a holdout,
// previews it, sends a test to herself, sends it now; `send-campaigns` and `deliver-messages` run
// as the worker would; the campaign's page shows its statistics. An analyst reads a seeded
// campaign's numbers (chart, receipts against the holdout) without write controls. A campaign
// scheduled for tomorrow stays scheduled until the jobs run after its time.
import { randomBytes } from "node:crypto";
import { expect, test } from "../test";
import { query } from "../cabinet/outbox";
import { deliverAt, runJob } from "../jobs";
import { settledCount } from "../live-count";
import { snap } from "../screenshot";
import { english, signIn } from "./a-helpers";

test.beforeEach(async ({ context, baseURL }) => english(context, baseURL));

test("a marketer sends an A/B campaign to a new segment and sees its statistics", async ({ page }) => {
  test.setTimeout(300_000);
  const tag = randomBytes(3).toString("hex");
  const segmentName = `Campaign fans ${tag}`;
  const campaignName = `Match-day offer ${tag}`;
  await signIn(page, "marketer@tribune.demo");

  await page.goto("/admin/segments/new");
  await page.getByLabel("Add condition").selectOption({ label: "Consent" });
  await page.getByRole("button", { name: "+ Add condition" }).click();
  await page.getByLabel("Add condition").selectOption({ label: "Registration channel" });
  await page.getByRole("button", { name: "+ Add condition" }).click();
  await page.getByRole("group", { name: "Registration channel" }).getByRole("button", { name: "Website" }).click();
  const size = await settledCount(page);
  expect(size).toBeGreaterThan(0);
  await page.getByLabel("Segment name").fill(segmentName);
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page).toHaveURL(/\/admin\/segments\/seg_/);

  await page.goto("/admin/campaigns");
  await expect(page.getByRole("heading", { name: "Campaigns", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "+ New campaign" }).click();
  await expect(page.getByRole("heading", { name: "New campaign", exact: true })).toBeVisible();
  await page.getByLabel("Name").fill(campaignName);
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: segmentName });
  await page.getByLabel("Holdout, %").fill("10");
  const a = page.getByRole("group", { name: "Variant A" });
  await a.getByLabel("Subject (RU)").fill("{name}, двойные баллы в день матча");
  await a.getByLabel("Text (RU)").fill("В субботу все покупки в клубном магазине — с двойными баллами.");
  await a.getByLabel("Subject (EN)").fill("{name}, double points on match day");
  await a.getByLabel("Text (EN)").fill("On Saturday every purchase in the club shop earns double points.");
  await page.getByRole("button", { name: "+ Add a variant" }).click();
  const b = page.getByRole("group", { name: "Variant B" });
  await expect(a.getByLabel("Share, %")).toHaveValue("50");
  await b.getByLabel("Subject (RU)").fill("Суббота: двойные баллы");
  await b.getByLabel("Text (RU)").fill("{name}, приходите в клубный магазин в субботу: баллы вдвойне.");
  await b.getByLabel("Subject (EN)").fill("Saturday: double points");
  await b.getByLabel("Text (EN)").fill("{name}, come to the club shop on Saturday: points count double.");
  await a.getByRole("button", { name: "Preview EN" }).click();
  const preview = page.frameLocator('iframe[title="Preview of variant A (EN)"]');
  await expect(preview.getByText("Anna, double points on match day")).toBeVisible();
  await snap(page, "console-campaign-new");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/admin\/campaigns\/cmp_/);
  const id = /cmp_[0-9a-z]+/.exec(page.url())![0];
  await expect(page.getByRole("heading", { name: campaignName })).toBeVisible();

  await page.getByRole("button", { name: "Send a test" }).click();
  await expect(page.getByText("Test message queued to marketer@tribune.demo.")).toBeVisible();

  await page.getByRole("button", { name: "Send now" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Send now" }).click();
  await expect(page.getByText("Sending started.")).toBeVisible();
  await expect(page.getByTestId("campaign-progress")).toBeVisible();
  await snap(page, "console-campaign-sending");

  // The worker's jobs (the page queued in the background too: nothing is queued twice). The queue is
  // shared with the specs running alongside and one run sends at most 10,000 messages: deliver until
  // none of this campaign's messages waits, so its numbers below no longer move.
  runJob("send-campaigns");
  const at = deliverAt();
  const waiting = async () => (await query<{ n: number }>(`select count(*)::int as n from "Message" where "campaignId" = $1 and status in ('queued', 'sending') and "notBefore" <= $2`, [id, at]))[0].n;
  for (let i = 0; i < 8 && (i === 0 || (await waiting()) > 0); i++) runJob("deliver-messages", at);
  expect(await waiting()).toBe(0);

  const [row] = await query<{ audience: number; holdout: number; status: string }>(`select "audienceCount" as audience, "holdoutCount" as holdout, status::text from "Campaign" where id = $1`, [id]);
  expect(row.status).toBe("sent");
  const [m] = await query<{ n: number; members: number; sent: number }>(
    `select count(*)::int as n, count(distinct "customerId")::int as members, count(*) filter (where status = 'sent')::int as sent from "Message" where "campaignId" = $1`,
    [id],
  );
  // One message per member of the audience with an email. The audience is the segment at the moment
  // of sending: a spec running alongside may change a member's consent in between (the message log
  // spec unsubscribes the demo fan), so it is within a couple of the builder's count.
  expect(m.n).toBe(m.members);
  expect(m.n).toBeLessThanOrEqual(row.audience);
  expect(Math.abs(row.audience - size)).toBeLessThanOrEqual(2);
  expect(m.sent).toBeGreaterThan(0);
  const [mail] = await query<{ body: string }>(`select o.body from "OutboxMessage" o join "Message" m on m."outboxId" = o.id where m."campaignId" = $1 and m.locale = 'en' limit 1`, [id]);
  expect(mail.body).toMatch(/double points/i);

  await page.reload();
  await expect(page.getByRole("heading", { name: "Statistics" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: /Queued/ })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("stats-total").getByText("Sent").locator("xpath=following-sibling::dd")).toHaveText(m.sent.toLocaleString("en"));
  await expect(page.getByText(`${(row.audience - row.holdout).toLocaleString("en")}`, { exact: true }).first()).toBeVisible();
  await snap(page, "console-campaign-stats");

  await page.goto("/admin/campaigns");
  await expect(page.getByRole("link", { name: campaignName })).toBeVisible();
  // Delivered is counted against what was sent; the holdout is shown apart, never as undelivered.
  const listed = page.getByRole("row").filter({ has: page.getByRole("link", { name: campaignName }) });
  await expect(listed.getByText(`0 of ${m.sent.toLocaleString("en")} sent`)).toBeVisible();
  await expect(listed.getByText(`${row.holdout.toLocaleString("en")} held out`)).toBeVisible();
  await snap(page, "console-campaigns");
});

test("an analyst reads a sent campaign's statistics, chart and receipts against the holdout", async ({ page }) => {
  await signIn(page, "analyst@tribune.demo");
  await page.goto("/admin/campaigns");
  await expect(page.getByRole("heading", { name: "Campaigns", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "+ New campaign" })).toHaveCount(0);
  await page.getByRole("link", { name: "Win-back: we miss you at the stadium" }).click();
  await expect(page.getByRole("heading", { name: "Deliveries and opens" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Receipts within 7 days against the holdout" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^Holdout/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Stop queueing" })).toHaveCount(0);
  await snap(page, "console-campaign-seeded");
});

test("a campaign scheduled for tomorrow stays scheduled; after its time the jobs send it", async ({ page }) => {
  test.setTimeout(300_000);
  const tag = randomBytes(3).toString("hex");
  const campaignName = `Derby early access ${tag}`;
  // Tomorrow at noon in Moscow (the club's zone): the form's local time, and the instant it means.
  const day = new Date(Date.now() + 86_400_000).toLocaleDateString("en-CA", { timeZone: "Europe/Moscow" });
  const due = new Date(`${day}T12:00:00+03:00`);
  const after = new Date(due.getTime() + 60_000).toISOString();
  await signIn(page, "marketer@tribune.demo");
  await page.goto("/admin/campaigns/new");
  await page.getByLabel("Name").fill(campaignName);
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: "Legends and Veterans" });
  await page.getByLabel("Holdout, %").fill("0");
  const a = page.getByRole("group", { name: "Variant A" });
  await a.getByLabel("Subject (RU)").fill("Дерби: билеты на день раньше");
  await a.getByLabel("Text (RU)").fill("{name}, выбирайте места на дерби раньше всех.");
  await a.getByLabel("Subject (EN)").fill("Derby: tickets a day early");
  await a.getByLabel("Text (EN)").fill("{name}, pick your derby seats before everyone else.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/admin\/campaigns\/cmp_/);
  const id = /cmp_[0-9a-z]+/.exec(page.url())![0];

  const schedule = page.getByRole("form", { name: "Schedule" });
  await schedule.getByLabel("Send at").fill(`${day}T12:00`);
  await schedule.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByText(/^Scheduled for .*12:00/)).toBeVisible();
  const campaign = async () =>
    (
      await query<{ status: string; scheduledAt: Date; startedAt: Date | null; queued: number }>(
        `select c.status::text, c."scheduledAt", c."startedAt", (select count(*)::int from "Message" m where m."campaignId" = c.id) as queued from "Campaign" c where c.id = $1`,
        [id],
      )
    )[0];
  expect(await campaign()).toMatchObject({ status: "scheduled", scheduledAt: due, startedAt: null, queued: 0 });
  await snap(page, "console-campaign-scheduled");

  // The worker's jobs now: not due yet, nothing starts and nothing is queued or sent.
  runJob("send-campaigns");
  runJob("deliver-messages", deliverAt());
  expect(await campaign()).toMatchObject({ status: "scheduled", startedAt: null, queued: 0 });
  await page.reload();
  await expect(page.getByText(/^Scheduled for /)).toBeVisible();

  // A minute after its time: the campaign starts, queues its segment and is delivered.
  runJob("send-campaigns", after);
  expect(runJob("deliver-messages", after)).toMatch(/"sent":[1-9]/);
  const sent = await campaign();
  expect(sent).toMatchObject({ status: "sent", startedAt: new Date(after) });
  expect(sent.queued).toBeGreaterThan(0);
  const [m] = await query<{ sent: number }>(`select count(*) filter (where status = 'sent')::int as sent from "Message" where "campaignId" = $1`, [id]);
  expect(m.sent).toBeGreaterThan(0);
  await page.reload();
  await expect(page.getByTestId("stats-A").getByText("Sent", { exact: true }).locator("xpath=following-sibling::dd")).toHaveText(m.sent.toLocaleString("en"));
});
