/**
 * The timeline page in Chromium, served from 127.0.0.1: at phone, tablet and desktop widths every
 * committed event is listed under its month with an http(s) source link, the search box and the
 * category checkboxes narrow the list, nothing errors, no other host is asked for anything, and
 * axe finds no violations. Screenshots: test-results/screenshots/timeline-<width>.png.
 */
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { resolveDataDir } from "../../loaders/config.ts";
import { readAll } from "../../loaders/store/read.ts";
import { axe, describeBrowser, openPage } from "../helpers/browser.ts";
import { AXE_VIEWS, expectCleanPage, FRAMEWORK_CHROME } from "../helpers/site-page.ts";
import { SCREENSHOTS, useSite, WIDTHS } from "../helpers/site-session.ts";

describeBrowser("timeline page in Chromium", () => {
  const site = useSite();
  let total: number;

  beforeAll(async () => {
    total = (await readAll(resolveDataDir(), "events")).length;
  });

  it.each(WIDTHS)("at %i px: lists every event with its source, and the filters narrow the list", async (width) => {
    const opened = await openPage(site.browser, `${site.url}/timeline`, { width });
    try {
      const { page } = opened;
      const items = page.locator(".timeline-list li.event");
      await page.waitForSelector(".timeline-list li.event", { timeout: 15_000 });
      await page.screenshot({ path: join(SCREENSHOTS, `timeline-${width}.png`), fullPage: true });

      expect(total).toBeGreaterThan(0);
      expect(await items.count()).toBe(total);
      expect(await page.locator(".timeline-status").innerText()).toBe(`Showing all ${total} events.`);
      expect(await page.locator(".timeline-month h2").count()).toBeGreaterThan(5);
      const hrefs = await page.locator(".timeline-list a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
      expect(hrefs).toHaveLength(total);
      expect(hrefs.filter((h) => !/^https?:\/\/\S+$/.test(h)), "source links that are not http(s)").toEqual([]);
      // Notes keep the sources' disagreements visible.
      expect(await page.locator(".timeline-list").innerText()).toContain("BNO News dates the return to Jan 20");

      // Typing narrows the list to events that mention every word.
      await page.fill("#timeline-search", "supreme court");
      await expect.poll(() => items.count()).toBeLessThan(total);
      const found = await items.count();
      expect(found).toBeGreaterThan(0);
      for (const text of await items.allInnerTexts()) expect(text.toLowerCase()).toMatch(/supreme[\s\S]*court|court[\s\S]*supreme/);
      expect(await page.locator(".timeline-status").innerText()).toBe(`Showing ${found} of ${total} events.`);

      // Unticking a category takes its events away; "None" empties the list and says so.
      await page.fill("#timeline-search", "");
      await expect.poll(() => items.count()).toBe(total);
      const courts = await page.locator('li.event[data-category="court"]').count();
      expect(courts).toBeGreaterThan(0);
      await page.locator('input[name="category"][value="court"]').uncheck();
      await expect.poll(() => items.count()).toBe(total - courts);
      expect(await page.locator('li.event[data-category="court"]').count()).toBe(0);
      await page.getByRole("button", { name: "None" }).click();
      await expect.poll(() => items.count()).toBe(0);
      expect(await page.locator(".timeline-status").innerText()).toMatch(/^No event matches/);
      await page.getByRole("button", { name: "All categories" }).click();
      await expect.poll(() => items.count()).toBe(total);

      await expectCleanPage(opened);
    } finally {
      await opened.close();
    }
  });

  it.each(AXE_VIEWS)("at %i px, %s theme: axe finds no violations", async (width, colorScheme) => {
    const opened = await openPage(site.browser, `${site.url}/timeline`, { width, colorScheme });
    try {
      await opened.page.waitForSelector(".timeline-list li.event", { timeout: 15_000 });
      expect(await axe(opened.page, { ignore: FRAMEWORK_CHROME })).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
