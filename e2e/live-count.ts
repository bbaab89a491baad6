// The segment builder's live count (console segments, partner groups) once it is current: the
// count is debounced and its panel is aria-busy from the moment a condition changes until the
// answer for the new conditions arrives, so a count read while busy is an earlier condition's.
import { expect, type Page } from "./test";

export async function settledCount(page: Page): Promise<number> {
  const count = page.getByTestId("segment-count");
  await expect(page.locator("section[aria-live]").filter({ has: count })).toHaveAttribute("aria-busy", "false");
  return Number((await count.innerText()).replace(/\D/g, ""));
}
