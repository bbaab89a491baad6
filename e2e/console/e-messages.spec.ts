// Messages: the log with the seed's real history (delivered, opened, bounced), a marketer switching
// and rewording triggered messages, an analyst reading them only, and a member's one-click
// unsubscribe (RFC 8058: POST without sign-in; GET only shows the preferences page).
import { query } from "../cabinet/outbox";
import { expect, test } from "../test";
import { snap } from "../screenshot";
import { english, signIn } from "./a-helpers";
import { unsubscribeToken } from "@/lib/communications/unsubscribe";

test.beforeEach(async ({ context, baseURL }) => english(context, baseURL));

test("the message log shows the season's messages with their outcomes and filters them", async ({ page }) => {
  await signIn(page, "support@tribune.demo");
  await page.getByRole("link", { name: "Messages" }).first().click();
  await expect(page.getByRole("heading", { name: "Messages", exact: true })).toBeVisible();
  const funnel = page.getByTestId("message-funnel");
  for (const status of ["delivered", "opened", "bounced", "suppressed"]) await expect(funnel.locator(`[data-status=${status}]`)).toHaveText(/^[1-9][\d,  ]*$/);
  await snap(page, "console-messages");

  await page.getByLabel("Status").selectOption("bounced");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("cell", { name: "Bounced" }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "Delivered" })).toHaveCount(0);

  // The marketing triggers' messages a gate stopped (the campaigns' holdout rows are newer and many).
  await page.goto("/admin/messages?status=suppressed&kind=birthday");
  await expect(page.getByText("no consent").first()).toBeVisible();
});

test("Customer 360 lists the member's messages with their outcomes, page by page", async ({ page }) => {
  // A member of the seed with a campaign's message and one a gate stopped, given twelve more account
  // messages of the last days so the history runs over a page.
  const [member] = await query<{ id: string }>(
    `select "customerId" as id from "Message" where "customerId" is not null group by 1
     having bool_or("campaignId" is not null) and bool_or(status = 'suppressed') order by count(*) desc, 1 limit 1`,
  );
  await query(
    `insert into "Message" (id, "programId", "customerId", channel, "to", category, template, data, locale, status, gate,
                            "notBefore", "sentAt", "deliveredAt", attempts, "createdAt", "updatedAt")
     select 'msg_e2e' || md5($1 || g), c."programId", c.id, 'email', coalesce(c.email, 'e2e@example.test'), 'transactional', 'triggered',
            jsonb_build_object('kind', 'points_expiring', 'subject', 'Your points expire soon ' || g), 'en', 'delivered', 'passed',
            now() - g * interval '1 day', now() - g * interval '1 day', now() - g * interval '1 day' + interval '2 minutes', 1,
            now() - g * interval '1 day', now()
     from "Customer" c, generate_series(1, 12) g where c.id = $1
     on conflict (id) do nothing`,
    [member.id],
  );
  await signIn(page, "support@tribune.demo");
  await page.goto(`/admin/customers/${member.id}`);
  const panel = page.locator("section#messages");
  await expect(panel.getByRole("heading", { name: "Messages" })).toBeVisible();
  await expect(panel.getByRole("row")).toHaveCount(11); // the header and a page of 10
  await expect(panel.getByRole("cell", { name: /Delivered|Opened|Clicked|Sent|Not sent|Bounced/ }).first()).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await snap(page, "console-customer-messages");

  await panel.getByRole("link", { name: /Next/ }).click();
  await expect(page).toHaveURL(/msgPage=2/);
  await expect(page.locator("section#messages").getByRole("row").nth(1)).toBeVisible();
  // The page holding the member's newest campaign message and the newest one a gate stopped.
  const [pos] = await query<{ campaign: number; name: string; stopped: number; reason: string }>(
    `select min(n) filter (where "campaignId" is not null) as campaign, (array_agg(name order by n) filter (where "campaignId" is not null))[1] as name,
            min(n) filter (where status = 'suppressed') as stopped, (array_agg(reason order by n) filter (where status = 'suppressed'))[1] as reason
     from (select m."campaignId", c.name, m.status, m.reason, row_number() over (order by m."createdAt" desc, m.id desc)::int as n
           from "Message" m left join "Campaign" c on c.id = m."campaignId" where m."customerId" = $1) x`,
    [member.id],
  );
  await page.goto(`/admin/customers/${member.id}?msgPage=${Math.ceil(pos.campaign / 10)}`);
  await expect(page.locator("section#messages").getByRole("link", { name: pos.name }).first()).toBeVisible();
  const reasonText: Record<string, string> = {
    no_consent: "no consent",
    holdout: "holdout group",
    frequency_cap: "weekly marketing limit reached",
    address_suppressed: "address suppressed",
    member_unreachable: "member blocked or without an address",
  };
  await page.goto(`/admin/customers/${member.id}?msgPage=${Math.ceil(pos.stopped / 10)}`);
  await expect(
    page
      .locator("section#messages")
      .getByText(reasonText[pos.reason] ?? pos.reason)
      .first(),
  ).toBeVisible();
});

test("a marketer switches a trigger off and rewords another; the words are kept", async ({ page }) => {
  await signIn(page, "marketer@tribune.demo");
  await page.goto("/admin/messages/triggers");
  await expect(page.getByRole("heading", { name: "Triggered messages" })).toBeVisible();
  // Each trigger shows the email it sends, rendered from the saved texts.
  await page.locator("#trigger-birthday summary").click();
  await expect(page.frameLocator('iframe[title="Email preview: Birthday"]').getByText("BDAY-7KQ2")).toBeVisible();
  const expiring = page.getByRole("form", { name: "Points expiring" });
  await expiring.getByLabel("Subject (English)").fill("Your {points} points go on {date}");
  await expiring.getByLabel("Warn this many days before the points expire").fill("10");
  await expiring.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("“Points expiring” is saved.")).toBeVisible();

  const lapsed = page.getByRole("form", { name: "We miss you" });
  await lapsed.getByLabel("Send this message").uncheck();
  await lapsed.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("“We miss you” is saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("form", { name: "Points expiring" }).getByLabel("Subject (English)")).toHaveValue("Your {points} points go on {date}");
  await expect(page.getByRole("form", { name: "Points expiring" }).getByLabel("Warn this many days before the points expire")).toHaveValue("10");
  await expect(page.getByRole("form", { name: "We miss you" }).getByLabel("Send this message")).not.toBeChecked();

  // An empty subject is refused next to the field, and nothing changes.
  const welcome = page.getByRole("form", { name: "Welcome" });
  await welcome.getByLabel("Subject (Russian)").fill(" ");
  await welcome.getByRole("button", { name: "Save" }).click();
  await expect(welcome.getByLabel("Subject (Russian)")).toHaveAttribute("aria-invalid", "true");
  await snap(page, "console-message-triggers");
  await page.getByRole("form", { name: "We miss you" }).getByLabel("Send this message").check();
  await page.getByRole("form", { name: "We miss you" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("“We miss you” is saved.")).toBeVisible();
});

test("an analyst reads the triggers but cannot change them", async ({ page }) => {
  await signIn(page, "analyst@tribune.demo");
  await page.goto("/admin/messages/triggers");
  await expect(page.getByText("You can read these settings; marketers change them.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Birthday" }).getByLabel("Subject (English)")).toBeDisabled();
});

test("a member unsubscribes with one click: GET shows the page, POST unsubscribes without sign-in", async ({ page, request }) => {
  const [fan] = await query<{ id: string; email: string }>(`select id, email from "Customer" where email = 'fan@tribune.demo'`);
  await query(`update "Customer" set "emailConsent" = true where id = $1`, [fan.id]);
  const link = `/unsubscribe/${unsubscribeToken(fan.id, "email")}`;

  // A link scanner's GET changes nothing.
  await page.goto(link);
  await expect(page).toHaveURL(/\/email-preferences\//);
  await expect(page.getByRole("heading", { name: "Email preferences" })).toBeVisible();
  expect((await query<{ emailConsent: boolean }>(`select "emailConsent" from "Customer" where id = $1`, [fan.id]))[0].emailConsent).toBe(true);
  await snap(page, "email-preferences");

  // The mail client's one-click POST (RFC 8058).
  const res = await request.post(link, { headers: { "content-type": "application/x-www-form-urlencoded" }, data: "List-Unsubscribe=One-Click" });
  expect(res.status()).toBe(200);
  expect((await query<{ emailConsent: boolean }>(`select "emailConsent" from "Customer" where id = $1`, [fan.id]))[0].emailConsent).toBe(false);
  await page.reload();
  await expect(page.getByText("no longer gets news, offers or surveys")).toBeVisible();

  // A forged link is refused and changes nothing.
  expect((await request.post(`/unsubscribe/${fan.id}.e.${"0".repeat(40)}`)).status()).toBe(404);
  await query(`update "Customer" set "emailConsent" = true where id = $1`, [fan.id]);
  await page.goto(link);
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByText("You are unsubscribed.")).toBeVisible();
  await query(`update "Customer" set "emailConsent" = true where id = $1`, [fan.id]);
});
