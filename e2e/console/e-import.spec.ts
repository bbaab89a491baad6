// Owner console: legacy import — a file with a bad row is located by file, line and column and
// cannot be imported as it is; the sample folder (programs/legacy-sample) passes its dry run with
// a reconciliation of every customer, imports in the background with a progress bar, and the
// reconciliation CSV downloads; the demo opens with such an import done. Other roles do not see the section.
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "../test";
import { snap } from "../screenshot";
import { english, signIn } from "./a-helpers";

const SAMPLE = path.resolve("programs/legacy-sample");
const FILES = ["customers.csv", "points.csv", "history.csv", "achievements.csv"];

/** The background job, as the worker would run it (the e2e server runs no worker). */
function runImportJob() {
  const out = execFileSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/job.ts", "legacy-imports"], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
    encoding: "utf8",
  });
  expect(out).toMatch(/"ran":1/);
}

test.beforeEach(async ({ context, baseURL }) => english(context, baseURL));

test("the owner checks legacy files, sees bad rows, then imports the sample and downloads the reconciliation", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "owner@tribune.demo");
  await page.getByRole("navigation", { name: "Console sections" }).first().getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: "Import from another system" })).toBeVisible();
  await snap(page, "console-import");

  // A file with a bad phone: the dry run points at it and offers only "skip bad rows".
  const bad = "external_id,phone,legacy_balance\nE2E-1,+79990000001,10\nE2E-2,not-a-phone,5\n";
  await page.getByLabel("CSV files or a zip of them").setInputFiles([{ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(bad) }]);
  await page.getByRole("button", { name: "Check the files (dry run)" }).click();
  await expect(page.getByText("Waiting for the background worker…")).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "0");
  await snap(page, "console-import-queued");
  runImportJob();
  await expect(page.getByText(/Dry run finished in/)).toBeVisible({ timeout: 30_000 });
  const badRow = page.getByRole("table", { name: "Bad rows" }).getByRole("row").nth(1);
  await expect(badRow.getByRole("cell")).toHaveText(["customers.csv", "3", "phone", '"not-a-phone" is not a phone number']);
  await expect(page.getByText("There are bad rows")).toBeVisible();
  await expect(page.getByLabel("Skip the bad rows and import the rest")).toBeVisible();
  await snap(page, "console-import-bad-rows");

  // The sample: every row fine, the reconciliation of 300 customers, then the import.
  await page.getByRole("link", { name: "All imports" }).click();
  const files = await Promise.all(FILES.map(async (name) => ({ name, mimeType: "text/csv", buffer: await readFile(path.join(SAMPLE, name)) })));
  await page.getByLabel("CSV files or a zip of them").setInputFiles(files);
  await page.getByRole("button", { name: "Check the files (dry run)" }).click();
  await expect(page.getByRole("heading", { name: /^Dry run of/ })).toBeVisible();
  runImportJob();
  await expect(page.getByText(/Dry run finished in/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Every row is fine.")).toBeVisible();
  await expect(page.getByText("300", { exact: true }).first()).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Reconciliation (CSV)" }).click()]);
  const csv = (await readFile((await download.path())!, "utf8")).trim().split("\r\n");
  expect(csv[0]).toBe("external_id,legacy_balance,imported_balance,difference,note");
  expect(csv).toHaveLength(301);
  expect(csv.slice(1).filter((l) => l.split(",")[3] !== "0")).toEqual([]);
  await snap(page, "console-import-dry-run");

  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Import of/ })).toBeVisible();
  runImportJob();
  await expect(page.getByText(/Imported in/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("link", { name: "Reconciliation (CSV)" })).toBeVisible();
  await snap(page, "console-import-done");

  // Moving out: the whole program as a zip of the same four CSV files.
  await page.getByRole("link", { name: "All imports" }).click();
  const [zip] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export the whole program (zip of CSV)" }).click()]);
  const bytes = await readFile((await zip.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  expect(bytes.includes(Buffer.from("customers.csv"))).toBe(true);
});

test("the demo opens with the owner's finished import of the legacy sample, every balance reconciled", async ({ page }) => {
  await signIn(page, "owner@tribune.demo");
  await page.goto("/admin/import");
  // The seeded import is the oldest one listed (this file's own imports come later).
  const runs = page.getByRole("table", { name: "Recent runs" }).getByRole("row");
  const seeded = runs
    .filter({ has: page.getByRole("cell", { name: "Import", exact: true }) })
    .filter({ hasText: "Finished" })
    .last();
  await expect(seeded).toContainText("300");
  await snap(page, "console-import-demo");
  await seeded.getByRole("link").click();
  await expect(page.getByRole("heading", { name: /^Import of/ })).toBeVisible();
  await expect(page.getByText(/Imported in/)).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Reconciliation (CSV)" }).click()]);
  const csv = (await readFile((await download.path())!, "utf8")).trim().split("\r\n");
  expect(csv).toHaveLength(301);
  expect(csv.slice(1).filter((l) => l.split(",")[3] !== "0")).toEqual([]);
  await snap(page, "console-import-demo-run");
});

test("only the owner sees the import", async ({ page }) => {
  await signIn(page, "marketer@tribune.demo");
  await expect(page.getByRole("navigation", { name: "Console sections" }).first().getByRole("link", { name: "Import" })).toHaveCount(0);
  await page.goto("/admin/import");
  await expect(page.getByRole("heading", { name: "No access" })).toBeVisible();
  const res = await page.request.post("/api/admin/import", { multipart: { files: { name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from("external_id,phone,legacy_balance\n") } } });
  expect(res.status()).toBe(403);
});
