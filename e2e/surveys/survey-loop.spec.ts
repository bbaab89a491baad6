// The park's survey loop on the demo (the club surveys its match visits the same way): a fan's
// visit is validated 13 hours ago, `npm run job -- send-surveys` queues the survey and
// `deliver-messages` sends it to the outbox; the fan follows the link, scores and writes a review;
// the staff's email and the daily report (`daily-review-report --at` tomorrow 09:30) contain it;
// the console's NPS page shows it.
import { createHash, randomBytes } from "node:crypto";
import { expect, test } from "../test";
import { query } from "../cabinet/outbox";
import { english, signIn } from "../console/a-helpers";
import { snap, hasHorizontalScroll } from "../screenshot";
import { deliverAt, runJob as job } from "../jobs";

const STAFF_EMAIL = "reviews@fc-tribune.example";

async function gateKey() {
  const k = `trm_live_${randomBytes(16).toString("hex")}`;
  const [store] = await query<{ id: string; programId: string }>(`select id, "programId" from "Store" where code = 'stadium-gates'`);
  await query(`insert into "Terminal" (id, "programId", "storeId", name, "keyPrefix", "keyHash") values ($1, $2, $3, 'e2e gate', $4, $5)`, [
    `trm_e2e${randomBytes(6).toString("hex")}`,
    store.programId,
    store.id,
    k.slice(0, 13),
    createHash("sha256").update(k).digest("hex"),
  ]);
  return k;
}

/**
 * Runs deliver-messages until the outbox holds what `sql` looks for: the queue is shared with the
 * specs running alongside (a partner's mailing queues thousands), and one run sends 10,000 at most.
 */
async function deliverUntil<T extends Record<string, unknown>>(at: string | undefined, sql: string, params: unknown[]): Promise<T[]> {
  for (let run = 0; run < 20; run++) {
    job("deliver-messages", at);
    const rows = await query<T>(sql, params);
    if (rows.length) return rows;
  }
  return [];
}

test("a visitor follows the survey link, scores and reviews; staff email, daily report and NPS page show it", async ({ page, context, request, baseURL }) => {
  test.setTimeout(240_000);
  const [fan] = await query<{ id: string; phone: string; email: string }>(
    `select id, phone, email from "Customer" where email is not null and phone is not null and status = 'active' and "emailConsent" order by id limit 1 offset 11`,
  );
  const visitAt = new Date(Date.now() - 13 * 3_600_000);
  const eventCode = `e2e-survey-${randomBytes(3).toString("hex")}`;
  const visit = await request.post("/api/pos/v1/visits", {
    data: { customer: { phone: fan.phone }, eventCode, at: visitAt.toISOString() },
    headers: { authorization: `Bearer ${await gateKey()}` },
  });
  expect(visit.status()).toBe(200);

  const sent = job("send-surveys");
  expect(sent).toMatch(/send-surveys: \{"programs":1,"invited":[1-9]/);
  const [mail] = await deliverUntil<{ body: string; subject: string }>(
    deliverAt(),
    `select body, subject from "OutboxMessage" where "to" = $1 and template = 'survey_invitation' order by "createdAt" desc limit 1`,
    [fan.email],
  );
  expect(mail, "the survey invitation is delivered").toBeTruthy();
  const link = new RegExp(`${baseURL}/survey/[0-9a-f]{64}`).exec(mail.body)?.[0];
  expect(link, mail.body).toBeTruthy();
  // A second run sends nothing more for this visit.
  job("send-surveys");
  job("deliver-messages", deliverAt());
  expect(await query(`select 1 from "OutboxMessage" where "to" = $1 and template = 'survey_invitation'`, [fan.email])).toHaveLength(1);

  await english(context, baseURL);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("How likely are you to recommend");
  expect(await hasHorizontalScroll(page)).toBe(false);
  await snap(page, "survey-score");
  await page.getByText("9", { exact: true }).click();
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("status")).toHaveText("Thank you! Your score: 9 of 10.");
  const review = `The new stand is great, but the north gate queue took 30 minutes (${randomBytes(3).toString("hex")})`;
  await page.getByLabel("What should we keep or change?").fill(review);
  await snap(page, "survey-review");
  await page.getByRole("button", { name: "Send the review" }).click();
  await expect(page.getByRole("status")).toHaveText("Thank you for your review!");
  await expect(page.getByText(review)).toBeVisible();
  await snap(page, "survey-done");
  // Sending again (back and resubmit) changes nothing: the answer is final.
  await page.goto(`${link}?change=1`);
  await expect(page.getByRole("status")).toHaveText("Thank you for your review!");

  // The staff's email, at once (queued with the review, sent by the next delivery run): score, review, its date and the visit date.
  const staff = await deliverUntil<{ body: string; subject: string }>(undefined, `select body, subject from "OutboxMessage" where "to" = $1 and template = 'survey_review' and body like $2`, [
    STAFF_EMAIL,
    `%${review}%`,
  ]);
  expect(staff).toHaveLength(1);
  expect(staff[0].subject).toContain("9/10");
  expect(staff[0].body).toContain("Оценка: 9 из 10");
  expect(staff[0].body).toMatch(/Отзыв написан: .+/);
  expect(staff[0].body).toMatch(/Визит: .+/);

  // The daily report of today, sent tomorrow at 09:30 Moscow time, contains it.
  const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString("en-CA", { timeZone: "Europe/Moscow" });
  expect(job("daily-review-report", `${tomorrow}T09:30:00+03:00`)).toContain('"sent":1');
  const report = await deliverUntil<{ body: string }>(
    `${tomorrow}T09:31:00+03:00`,
    `select body from "OutboxMessage" where "to" = $1 and template = 'survey_daily_report' and body like $2 order by "createdAt" desc limit 1`,
    [STAFF_EMAIL, `%${review}%`],
  );
  expect(report[0].body).toContain(review);
  expect(job("daily-review-report", `${tomorrow}T10:30:00+03:00`)).toContain('"sent":0');

  // The console's NPS page lists it with its visit date.
  await signIn(page, "analyst@tribune.demo");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/admin/nps");
  await expect(page.getByRole("heading", { level: 1, name: "NPS" })).toBeVisible();
  await expect(page.getByTestId("nps-reviews")).toContainText(review);
  const score = await page.getByTestId("nps-score").textContent();
  expect(score).toMatch(/^[+-]?\d+$|^0$/);
  expect(Number(((await page.getByTestId("nps-answers").textContent()) ?? "").replace(/\D/g, ""))).toBeGreaterThan(100);
  await snap(page, "console-nps");
  // A bad link is a clear page, not an error.
  await page.goto("/survey/not-a-real-token");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This survey link does not work");
});
