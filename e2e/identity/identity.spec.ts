// The identity centre end to end: the owner's "ticket site" (a relying party with openid-client,
// registered with `npm run oidc:client`) signs a fan in through Tribune — the cabinet's SMS sign-in,
// the consent page — and shows the fan's name and card; the fan sees the site on the profile and
// the site's sign-out also ends the cabinet session.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "../test";
import { snap } from "../screenshot";
import { english, signIn } from "../console/a-helpers";
import { query, smsCode } from "../cabinet/outbox";
import { freeLocalPort, startTicketSite, type TicketSite } from "./ticket-site";

// Not the demo fan: the cabinet spec signs that one in at the same time (one SMS per minute per phone).
const PHONE = "+79990000002";
let site: TicketSite;

test.beforeAll(async ({ baseURL }) => {
  const port = await freeLocalPort();
  const out = execFileSync(
    process.execPath,
    [
      path.resolve("node_modules/tsx/dist/cli.mjs"),
      "scripts/oidc-client.ts",
      "--name",
      "Ticket site (e2e)",
      "--redirect-uri",
      `http://localhost:${port}/callback`,
      "--logout-uri",
      `http://localhost:${port}/bye`,
    ],
    {
      env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, APP_URL: baseURL },
      encoding: "utf8",
    },
  );
  const clientId = out.match(/client_id\s+(\S+)/)![1];
  const clientSecret = out.match(/client_secret\s+(\S+)/)![1];
  site = await startTicketSite({ issuer: baseURL!, clientId, clientSecret, port });
});

test.afterAll(async () => {
  await site?.close();
});

test("a fan signs in to the ticket site with the club account", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(site.url);
  await page.getByRole("link", { name: "Sign in with the club account" }).click();
  // Not signed in to the cabinet: Tribune's own sign-in page, then back to the consent page.
  await expect(page).toHaveURL(/\/cabinet\/sign-in\?next=/);
  const since = new Date(Date.now() - 2000);
  await page.getByLabel(/Номер телефона|Phone number/).fill(PHONE);
  await page.getByRole("button", { name: /Получить код|Get a code/ }).click();
  await page.getByLabel(/Код из СМС|Code from the SMS/).fill(await smsCode(PHONE, since));
  await page.getByRole("button", { name: /^(Войти|Sign in)$/ }).click();

  await expect(page).toHaveURL(/\/cabinet\/connect\//);
  await expect(page.getByRole("heading", { name: /Ticket site \(e2e\)/ })).toBeVisible();
  await expect(page.getByText(/Номер карты и статус|Your card number and status/)).toBeVisible();
  await snap(page, "identity-consent");
  await page.getByRole("button", { name: /^(Разрешить|Allow)$/ }).click();

  await expect(page.getByRole("heading", { name: "Your tickets" })).toBeVisible();
  const [card] = await query<{ number: string; name: string }>(
    `select c.number, concat_ws(' ', u."firstName", u."lastName") as name from "Card" c join "Customer" u on u.id = c."customerId" where u.phone = $1 and c.status = 'active' order by c."issuedAt" desc limit 1`,
    [PHONE],
  );
  await expect(page.getByTestId("fan-name")).toHaveText(card.name);
  await expect(page.getByTestId("fan-card")).toHaveText(card.number);
  await expect(page.getByTestId("fan-tier")).not.toBeEmpty();

  // The second sign-in asks nothing: straight back to the site.
  await page.goto(`${site.url}/login`);
  await expect(page.getByRole("heading", { name: "Your tickets" })).toBeVisible();

  // The profile lists the site.
  await page.goto("/cabinet/profile");
  await expect(page.getByTestId("connected-sites").getByText("Ticket site (e2e)")).toBeVisible();

  // Signing out at the site ends the cabinet session too.
  await page.goto(`${site.url}/logout`);
  await page.getByRole("button", { name: /Да, выйти|Yes, sign me out/ }).click();
  await expect(page.getByRole("heading", { name: "Signed out" })).toBeVisible();
  await page.goto("/cabinet");
  await expect(page).toHaveURL(/\/cabinet\/sign-in/);

  const audit = await query<{ n: string }>(`select count(*) as n from "AuditLog" where action = 'oidc.token_issued'`);
  expect(Number(audit[0].n)).toBeGreaterThanOrEqual(2);
});

test("the owner registers a site in the console and sees the secret once", async ({ page, context, baseURL }) => {
  await english(context, baseURL);
  await signIn(page, "owner@tribune.demo");
  await page.goto("/admin/sites");
  await expect(page.getByText(/Tickets · tickets\.fc-tribune\.example/)).toBeVisible();
  await page.getByRole("textbox", { name: /^Site/ }).fill("Season pass app");
  await page.getByRole("textbox", { name: /^Redirect URIs/ }).fill("https://pass.fc-tribune.example/callback");
  await page.getByRole("button", { name: "Register site" }).click();
  await expect(page.getByTestId("one-time-secret")).toBeVisible();
  await expect(page.getByTestId("client-id")).toHaveText(/^oic_/);
  await snap(page, "console-sites");
  await page.reload();
  await expect(page.getByText("Season pass app")).toBeVisible();
  await expect(page.getByTestId("one-time-secret")).toHaveCount(0);
});
