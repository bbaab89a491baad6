// Marketer console, part B: the experience catalog (items, vouchers) and the feedback inbox.
import { expect, test } from "../test";
import { snap } from "../screenshot";
import { english, signIn } from "./a-helpers";

test.beforeEach(async ({ context, baseURL }) => english(context, baseURL));

test("a marketer edits a catalog item and creates a new one", async ({ page }) => {
  await signIn(page, "marketer@tribune.demo");
  await page.goto("/admin/catalog");
  await expect(page.getByRole("heading", { name: "Experience catalog", exact: true })).toBeVisible();
  await snap(page, "console-catalog");

  await page
    .getByRole("link", { name: /pitch-tour/ })
    .first()
    .click();
  await expect(page.getByLabel("Price in points")).toBeVisible();
  await page.getByLabel("Stock").fill("7");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Item saved.")).toBeVisible();
  await snap(page, "console-catalog-item");

  await page.goto("/admin/catalog/new");
  await page.getByLabel("Code").fill("signed-ball");
  await page.getByLabel("Price in points").fill("2500");
  await page.getByLabel("Title (English)").fill("Ball signed by the squad");
  await page.getByLabel("Title (Russian)").fill("Мяч с автографами команды");
  // A picture uploaded through the console (a 1×1 PNG), served publicly afterwards.
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
  await page.getByLabel("Upload a picture").setInputFiles({ name: "ball.png", mimeType: "image/png", buffer: png });
  await expect(page.getByText("Picture uploaded. Save the item to use it.")).toBeVisible();
  await expect(page.getByLabel("Picture", { exact: true })).toHaveValue(/^\/api\/images\/img_[0-9a-f]{32}$/);
  const imageUrl = await page.getByLabel("Picture", { exact: true }).inputValue();
  const served = await page.request.get(imageUrl);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/png");
  await snap(page, "console-catalog-new");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/admin\/catalog\/cat_/);
  await expect(page.getByText("Item created.")).toBeVisible();
  await page.goto("/admin/catalog");
  await expect(page.getByRole("link", { name: /Ball signed by the squad/ })).toBeVisible();
  // A fake picture is refused.
  const fake = await page.request.post("/api/admin/catalog/images", { multipart: { file: { name: "x.png", mimeType: "image/png", buffer: Buffer.from("<svg onload=alert(1)>") } } });
  expect(fake.status()).toBe(400);
});

test("a support agent marks a voucher used and answers a fan", async ({ page }) => {
  await signIn(page, "support@tribune.demo");
  await page.goto("/admin/catalog?status=issued");
  const row = page
    .getByRole("row")
    .filter({ has: page.getByRole("button", { name: "Mark used" }) })
    .first();
  await row.getByRole("button", { name: "Mark used" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Mark used" }).click();
  await expect(page.getByText("Voucher marked used.")).toBeVisible();

  await page.goto("/admin/feedback");
  await expect(page.getByRole("heading", { name: "Feedback inbox", exact: true })).toBeVisible();
  await snap(page, "console-feedback");
  await page.getByRole("link", { name: "Место для коляски на западной трибуне" }).click();
  await page.getByRole("textbox", { name: "Reply" }).fill("Да, на западной трибуне есть зона для колясок у сектора W3. Ждём вас!");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByText("Reply sent.")).toBeVisible();
  await expect(page.getByText("зона для колясок у сектора W3")).toBeVisible();
  await snap(page, "console-feedback-request");

  // Segments are not support's: the export refuses them, and strangers are asked to sign in.
  expect((await page.request.get("/api/admin/segments/seg_anything/export")).status()).toBe(403);
  const stranger = await page.context().browser()!.newContext();
  expect((await stranger.request.get(new URL("/api/admin/segments/seg_anything/export", page.url()).toString())).status()).toBe(401);
  await stranger.close();

  await page.goto("/admin/feedback/topics");
  await expect(page.getByRole("heading", { name: "Topics", exact: true })).toBeVisible();
  await snap(page, "console-feedback-topics");
});
