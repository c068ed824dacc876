/**
 * The rankings page in Chromium, served from 127.0.0.1: at phone, tablet and desktop widths the
 * charts draw their marks, a mark's tooltip (on hover and on keyboard focus) links to an http(s)
 * source, the country selector redraws the chart, nothing errors, no other host is asked for
 * anything, and axe finds no violations. Screenshots: test-results/screenshots/rankings-<width>.png.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { axe, describeBrowser, openPage } from "../helpers/browser.ts";
import { FRAMEWORK_CHROME, horizontalOverflow, AXE_VIEWS } from "../helpers/site-page.ts";
import { SCREENSHOTS, useSite, WIDTHS } from "../helpers/site-session.ts";


const MAIN = "#rank-main";

async function chartReady(page: Page): Promise<void> {
  await page.waitForSelector(`${MAIN} svg .mark`, { timeout: 15_000 });
  await page.waitForSelector("#rank-multiples svg .mark", { timeout: 15_000 });
}

/** The tooltip's text and link, once it shows. */
async function tooltip(page: Page): Promise<{ text: string; href: string | null }> {
  const tip = page.locator(`${MAIN} .chart-tooltip`);
  await expect.poll(() => tip.isVisible()).toBe(true);
  return { text: await tip.locator("p").innerText(), href: await tip.locator("a").getAttribute("href") };
}

describeBrowser("rankings page in Chromium", () => {
  const site = useSite();

  it.each(WIDTHS)("at %i px: draws the marks, tooltips link to sources, the country selector redraws, no error, no other host", async (width) => {
    const opened = await openPage(site.browser, `${site.url}/rankings`, { width });
    try {
      const { page } = opened;
      await chartReady(page);
      // Readable at 320 px: nothing forces a horizontal scrollbar on the page (once the layout settles).
      const overflow = () => horizontalOverflow(page);
      await expect.poll(overflow, { message: "horizontal overflow in px" }).toBeLessThanOrEqual(1);
      await page.screenshot({ path: join(SCREENSHOTS, `rankings-${width}.png`), fullPage: true });

      const marks = page.locator(`${MAIN} svg .mark`);
      expect(await marks.count()).toBeGreaterThan(10);
      expect(await page.locator("#rank-multiples svg .cell").count()).toBeGreaterThanOrEqual(6);
      const hrefs = await page.locator("figure.rank-figure svg a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
      expect(hrefs.filter((h) => !/^https?:\/\/\S+$/.test(h)), "links in the charts that are not http(s)").toEqual([]);
      // With the committed data nothing is measured yet, and the page says so.
      const measured = await page.locator(`${MAIN} svg .mark.measured`).count();
      if (measured === 0) await expect.poll(() => page.locator("main").innerText()).toContain("No measured snapshots yet: the first refresh will start the series.");

      // Hover: the tooltip says what the mark is and links to its source.
      const mark = page.locator(`${MAIN} svg a.source-link .mark.reported`).first();
      await mark.scrollIntoViewIfNeeded();
      await mark.hover({ force: true });
      const hovered = await tooltip(page);
      expect(hovered.text).toMatch(/#\d+/);
      expect(hovered.href).toMatch(/^https?:\/\//);
      // Keyboard focus on another mark's link does the same.
      await page.keyboard.press("Escape");
      const link = page.locator(`${MAIN} svg a.source-link:has(.mark)`).nth(1);
      await link.focus();
      const focused = await tooltip(page);
      expect(focused.href).toBe(await link.getAttribute("href"));

      // The country selector redraws the chart for that country.
      await page.selectOption("#rank-country", "gb");
      await expect.poll(() => page.locator(`${MAIN} svg > title`).textContent()).toBe("Top-chart ranks in the UK");
      expect(await page.locator(`${MAIN} svg > desc`).textContent()).toMatch(/^In the UK, RedNote was reported #1/);
      expect(await page.locator(`${MAIN} svg .mark`).count()).toBeGreaterThan(0);
      // The period selector widens the window: more of the US reports come into view.
      await page.selectOption("#rank-country", "us");
      await expect.poll(() => page.locator(`${MAIN} svg > title`).textContent()).toBe("Top-chart ranks in the US");
      const before = await page.locator(`${MAIN} svg .mark`).count();
      await page.selectOption("#rank-period", "all");
      await expect.poll(() => page.locator(`${MAIN} svg .mark`).count()).toBeGreaterThan(before);

      expect(await overflow(), "horizontal overflow in px after redrawing").toBeLessThanOrEqual(1);
      expect(opened.consoleErrors, "console errors").toEqual([]);
      expect(opened.externalRequests, "requests to other hosts").toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it.each(AXE_VIEWS)("at %i px, %s theme: axe finds no violations", async (width, colorScheme) => {
    const opened = await openPage(site.browser, `${site.url}/rankings`, { width, colorScheme });
    try {
      await chartReady(opened.page);
      // The data table open too, so its cells are checked.
      await opened.page.locator("details.data-table summary").first().click();
      expect(await axe(opened.page, { ignore: FRAMEWORK_CHROME })).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
