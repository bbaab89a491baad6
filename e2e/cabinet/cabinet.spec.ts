// The fan cabinet end to end: sign in with an SMS code read from the outbox, balance and status,
// redeem an experience, open a support request, change consents, my offers and promo codes,
// another fan's receipt is a 404,
// sign out. Screenshots of every page at 390 and 1280 px.
import { expect, test, type Page } from "../test";
import { hasHorizontalScroll, snap, WIDTHS } from "../screenshot";
import { query, smsCode } from "./outbox";

const DEMO_PHONE = "+79990000001";

async function signIn(page: Page, phone: string) {
  await page.goto("/cabinet");
  await expect(page).toHaveURL(/\/cabinet\/sign-in/);
  const since = new Date(Date.now() - 2000);
  await page.getByLabel(/Номер телефона|Phone number/).fill(phone);
  await page.getByRole("button", { name: /Получить код|Get a code/ }).click();
  const code = await smsCode(phone, since);
  await page.getByLabel(/Код из СМС|Code from the SMS/).fill(code);
  await page.getByRole("button", { name: /^(Войти|Sign in)$/ }).click();
  await expect(page).toHaveURL(/\/cabinet$/);
}

const number = (s: string | null) => Number((s ?? "").replace(/[^\d]/g, ""));

async function fitsPhone(page: Page) {
  await page.setViewportSize(WIDTHS.phone);
  expect(await hasHorizontalScroll(page), `horizontal scroll on ${page.url()}`).toBe(false);
}

test.describe.configure({ mode: "serial" });

test("a fan signs in with an SMS code and uses the whole cabinet", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize(WIDTHS.phone);
  await page.goto("/cabinet/sign-in");
  await fitsPhone(page);
  await snap(page, "cabinet-sign-in");

  await signIn(page, DEMO_PHONE);
  const balance = page.getByTestId("balance-main");
  await expect(balance).toBeVisible();
  const before = number(await balance.textContent());
  expect(before).toBeGreaterThan(1500);
  await expect(page.getByTestId("tier-name")).not.toBeEmpty();
  // The demo fan holds promo points of the merch-wallet promotion (merch only), shown per promotion.
  await expect(page.getByTestId("promo-by-promotion")).toContainText(/Баллы на атрибутику|Merch points/);
  expect(number(await page.getByTestId("balance-promo").textContent())).toBeGreaterThan(0);
  await fitsPhone(page);
  await snap(page, "cabinet-dashboard");

  // Redeem an experience: the balance drops by its price and the voucher shows under "My experiences".
  await page.goto("/cabinet/catalog");
  await fitsPhone(page);
  await snap(page, "cabinet-catalog");
  const item = page.getByTestId("catalog-item").filter({ hasText: /Пропуск на открытую тренировку|Open training pass/ });
  await item.getByRole("button", { name: /Получить за|Get for/ }).click();
  await item.getByRole("button", { name: /Да, получить|Yes, get it/ }).click();
  await expect(item.getByRole("status")).toContainText(/TRB-/);
  await expect.poll(async () => number(await page.getByTestId("catalog-balance").textContent())).toBe(before - 1500);
  await page.goto("/cabinet");
  await expect.poll(async () => number(await page.getByTestId("balance-main").textContent())).toBe(before - 1500);
  await page.goto("/cabinet/catalog?tab=mine");
  const mine = page.getByTestId("my-experience").filter({ hasText: /Пропуск на открытую тренировку|Open training pass/ });
  await expect(mine.getByTestId("voucher-code")).toHaveText(/^TRB-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await fitsPhone(page);
  await snap(page, "cabinet-my-experiences");

  // Open a support request.
  await page.goto("/cabinet/feedback");
  await page.getByLabel(/^(Тема|Topic)$/).selectOption({ label: "Билеты и абонементы" });
  await page.getByLabel(/^(Заголовок|Subject)$/).fill("Абонемент на вторую половину сезона");
  await page.getByLabel(/^(Сообщение|Message)$/).fill("Можно ли купить абонемент только на весенние матчи?");
  await page.getByRole("button", { name: /^(Отправить|Send)$/ }).click();
  await expect(page).toHaveURL(/\/cabinet\/feedback\/fbk_/);
  await expect(page.getByText("Можно ли купить абонемент только на весенние матчи?")).toBeVisible();
  await fitsPhone(page);
  await snap(page, "cabinet-feedback-thread");
  await page.goto("/cabinet/feedback");
  await expect(page.getByRole("link", { name: /Абонемент на вторую половину сезона/ })).toBeVisible();
  await fitsPhone(page);
  await snap(page, "cabinet-feedback");

  // Change consents.
  await page.goto("/cabinet/profile");
  const sms = page.getByLabel(/Новости и предложения в СМС|News and offers by SMS/);
  await expect(sms).toBeChecked();
  await sms.uncheck();
  await page
    .getByRole("form", { name: /Сохранить|Save/ })
    .getByRole("button", { name: /Сохранить|Save/ })
    .click();
  await expect(page.getByText(/Настройки сохранены|Your preferences are saved/)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/Новости и предложения в СМС|News and offers by SMS/)).not.toBeChecked();
  await fitsPhone(page);
  await snap(page, "cabinet-profile");

  // The other pages, looked at and photographed.
  await page.goto("/cabinet/card");
  await expect(page.getByTestId("card-number")).toHaveText(/^\d{4} \d{4} \d{4} \d$/);
  await expect(page.getByRole("img", { name: /Штрихкод карты|Barcode of card/ })).toBeVisible();
  // Wallet cards: the .pkpass of the fan's own card and a signed Google "Save" link.
  const apple = page.getByRole("link", { name: /Добавить в Apple Wallet|Add to Apple Wallet/ });
  const google = page.getByRole("link", { name: /Сохранить в Google Wallet|Save to Google Wallet/ });
  await expect(apple).toBeVisible();
  await expect(google).toHaveAttribute("href", /^https:\/\/pay\.google\.com\/gp\/v\/save\/[\w-]+\.[\w-]+\.[\w-]+$/);
  const pkpass = await page.request.get((await apple.getAttribute("href"))!);
  expect(pkpass.status()).toBe(200);
  expect(pkpass.headers()["content-type"]).toBe("application/vnd.apple.pkpass");
  expect((await pkpass.body()).subarray(0, 2).toString()).toBe("PK");
  await fitsPhone(page);
  await snap(page, "cabinet-card");
  await page.goto("/cabinet/history");
  await fitsPhone(page);
  await snap(page, "cabinet-history");
  await page
    .getByRole("link", { name: /Ticket|Билет|Home|jersey|Latte/i })
    .first()
    .click();
  await expect(page).toHaveURL(/\/cabinet\/history\/rcp_/);
  await fitsPhone(page);
  await snap(page, "cabinet-receipt");
  await page.goto("/cabinet/history?tab=points");
  await expect(page.getByText(/Впечатление|Experience/).first()).toBeVisible();
  await fitsPhone(page);
  await snap(page, "cabinet-points");
  await page.goto("/cabinet/status");
  await fitsPhone(page);
  await snap(page, "cabinet-status");

  // My offers: the dashboard shows the code a purchase gave him for the next one and leads to
  // the promotions he can use.
  await page.goto("/cabinet");
  const teaser = page.getByTestId("home-promo-code");
  await expect(teaser).toContainText(/FC-[A-Z0-9]{4}-[A-Z0-9]{4}/);
  await teaser.click();
  await expect(page).toHaveURL(/\/cabinet\/offers$/);
  await expect(page.getByRole("heading", { level: 1, name: /Мои предложения|My offers/ })).toBeVisible();
  await expect(page.getByTestId("offer").first()).toBeVisible();
  await expect(
    page
      .getByTestId("offer")
      .filter({ hasText: /Скидка 15%|15% off merch/ })
      .getByText(/По вашему коду|With your code/),
  ).toBeVisible();
  const held = page.getByTestId("held-code");
  await expect(held.first()).toContainText(/Действует до|Valid until/);
  await expect(held.first().getByTestId("held-code-value")).toHaveText(/^FC-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const [heldCount] = await query<{ n: number }>(
    `select count(*)::int as n from "PromoCode" c join "Customer" u on u.id = c."customerId" where u.phone = $1 and c."expiresAt" > now() and c.uses < c."maxUses"`,
    [DEMO_PHONE],
  );
  await expect(held).toHaveCount(heldCount.n);
  await fitsPhone(page);
  await snap(page, "cabinet-offers");
  await expect(page.getByRole("navigation", { name: /Разделы кабинета|Account sections/ }).getByRole("link", { name: /^(Акции|Offers)$/ })).toHaveAttribute("href", "/cabinet/offers");

  // Another fan's receipt and redemption ids are 404 for this fan.
  const [other] = await query<{ id: string }>(`select p.id from "Purchase" p join "Customer" c on c.id = p."customerId" where c.phone <> $1 limit 1`, [DEMO_PHONE]);
  if (other) {
    const res = await page.goto(`/cabinet/history/${other.id}`);
    expect(res?.status()).toBe(404);
  }
  const res = await page.goto(`/cabinet/feedback/fbk_doesnotexist`);
  expect(res?.status()).toBe(404);

  // Download my data: the JSON of this fan only.
  const exported = await page.request.get("/cabinet/profile/export");
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-disposition"]).toContain("attachment");
  const data = await exported.json();
  expect(data.profile.phone).toBe(DEMO_PHONE);
  expect(data.experiences.length).toBeGreaterThan(0);

  // Sign out.
  await page.goto("/cabinet/profile");
  await page
    .getByRole("button", { name: /^(Выйти|Sign out)$/ })
    .last()
    .click();
  await expect(page).toHaveURL(/\/cabinet\/sign-in\?signedOut=1/);
  await page.goto("/cabinet");
  await expect(page).toHaveURL(/\/cabinet\/sign-in/);
});

test("a phone the program does not know signs up online and gets a virtual card", async ({ page }) => {
  const phone = `+7995${String(Date.now()).slice(-7)}`;
  await page.setViewportSize(WIDTHS.phone);
  await signIn(page, phone);
  await expect(page.getByTestId("balance-main")).toHaveText("0");
  await page.goto("/cabinet/card");
  await expect(page.getByTestId("card-number")).toHaveText(/^20\d{2} \d{4} \d{4} \d$/);
  const [row] = await query<{ registrationChannel: string; cards: string }>(
    `select c."registrationChannel", (select count(*) from "Card" k where k."customerId" = c.id)::text as cards from "Customer" c where c.phone = $1`,
    [phone],
  );
  expect(row).toEqual({ registrationChannel: "web", cards: "1" });
});

test("a fan with a verified email signs in with a magic link from the outbox", async ({ page }) => {
  await page.goto("/cabinet/sign-in");
  const since = new Date(Date.now() - 2000);
  await page.getByRole("tab", { name: /Почта|Email/ }).click();
  await page.getByLabel(/Электронная почта|^Email$/).fill("fan@tribune.demo");
  await page.getByRole("button", { name: /Прислать ссылку|Email me/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "fan@tribune.demo" })).toBeVisible();
  let url: string | undefined;
  await expect
    .poll(async () => {
      const rows = await query<{ body: string }>(`select body from "OutboxMessage" where channel = 'email' and "to" = 'fan@tribune.demo' and "createdAt" >= $1 order by "createdAt" desc limit 1`, [
        since,
      ]);
      url = rows[0]?.body.match(/https?:\/\/\S+\/cabinet\/sign-in\/email\?token=[A-Za-z0-9_-]+/)?.[0];
      return Boolean(url);
    })
    .toBe(true);
  // The link is built from APP_URL (the server the suite runs), not from the request's Host.
  expect(new URL(url!).origin).toBe(new URL(process.env.E2E_BASE_URL!).origin);
  // Opening the link (what a mail scanner does) consumes nothing: the page waits for a press.
  await page.goto(new URL(url!).pathname + new URL(url!).search);
  const signInButton = page.getByRole("button", { name: /^(Войти|Sign in)$/ });
  await expect(signInButton).toBeVisible();
  await page.waitForLoadState("networkidle");
  const unconsumed = async () =>
    (await query<{ n: string }>(`select count(*)::text as n from "EmailToken" where email = 'fan@tribune.demo' and purpose = 'sign_in' and "createdAt" >= $1 and "consumedAt" is null`, [since]))[0].n;
  expect(await unconsumed()).toBe("1");
  await expect(page).toHaveURL(/\/cabinet\/sign-in\/email\?token=/);
  await signInButton.click();
  await expect(page).toHaveURL(/\/cabinet$/);
  await expect(page.getByTestId("balance-main")).toBeVisible();
  expect(await unconsumed()).toBe("0");
  // The cabinet speaks English too.
  await page.getByRole("button", { name: "en", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Hello, /);
  await expect(page.getByText("Points balance")).toBeVisible();
  await snap(page, "cabinet-dashboard-en");
  await page.goto("/cabinet/status");
  await expect(page.getByRole("heading", { name: "All statuses" })).toBeVisible();
  // The link works once.
  await page.context().clearCookies();
  await page.goto(new URL(url!).pathname + new URL(url!).search);
  await page.getByRole("button", { name: /^(Войти|Sign in)$/ }).click();
  await expect(page.getByText(/Ссылка для входа больше не действует|This sign-in link is not valid/)).toBeVisible();
});
