// Marketer console: gift certificates — the liability, a printed batch with its one-time CSV of
// PINs, the list filtered to unsold certificates, one certificate's history, block and unblock.
import { expect, test } from "../test";
import { snap } from "../screenshot";
import { english, signIn } from "./a-helpers";

test.beforeEach(async ({ context, baseURL }) => english(context, baseURL));

test("a marketer issues a printed batch, downloads its PINs once, and blocks and unblocks a certificate", async ({ page }) => {
  await signIn(page, "marketer@tribune.demo");
  await page.getByRole("link", { name: "Gift certificates" }).first().click();
  await expect(page.getByRole("heading", { name: "Gift certificates", exact: true })).toBeVisible();
  await expect(page.getByTestId("giftcards-liability")).toHaveText(/\d/);
  await snap(page, "console-gift-cards");

  await page.getByLabel("How many").fill("3");
  await page.getByLabel("Face value, ₽").fill("2000");
  await page.getByRole("button", { name: "Issue batch" }).click();
  await expect(page.getByText("PINs are shown only this once")).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("batch-csv").click()]);
  const csv = await (await import("node:fs/promises")).readFile((await download.path())!, "utf8");
  const rows = csv.trim().split("\n");
  expect(rows[0]).toBe("number,pin,amount,expires");
  expect(rows).toHaveLength(4);
  expect(rows[1]).toMatch(/^77\d{14},\d{6},2000\.00,\d{4}-\d{2}-\d{2}$/);
  await snap(page, "console-gift-cards-batch");
  await page.getByRole("button", { name: "Done" }).click();

  const number = rows[1].split(",")[0];
  await page.getByLabel("Number").fill(number);
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("link", { name: number }).click();
  await expect(page.getByRole("heading", { name: number })).toBeVisible();
  await expect(page.getByText("Not sold").first()).toBeVisible();

  await page.getByRole("button", { name: "Block" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Block" }).click();
  await expect(page.getByRole("cell", { name: "Blocked" })).toBeVisible();
  await page.getByRole("button", { name: "Unblock" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Unblock" }).click();
  await expect(page.getByRole("cell", { name: "Unblocked" })).toBeVisible();
  await snap(page, "console-gift-card");
});
