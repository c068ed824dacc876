/**
 * The hashtags-and-attention page in Chromium, served from 127.0.0.1: at phone, tablet and desktop
 * widths the hashtag chart draws the committed reported counts, a mark's tooltip (on hover and on
 * keyboard focus) links to an http(s) source, the page-views chart draws or says what to run,
 * nothing errors, no other host is asked for anything, and axe finds no violations.
 * Screenshots: test-results/screenshots/attention-<width>.png.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, expect, inject, it } from "vitest";
import type { HashtagData, PageviewsData } from "../../src/components/attention-types.ts";
import { axe, describeBrowser, openPage } from "../helpers/browser.ts";
import { AXE_VIEWS, expectCleanPage, FRAMEWORK_CHROME } from "../helpers/site-page.ts";
import { SCREENSHOTS, useSite, WIDTHS } from "../helpers/site-session.ts";

/** The JSON the build wrote for a data loader (its name carries a content hash). */
async function builtJson<T>(siteDir: string, name: string): Promise<T> {
  const dir = join(siteDir, "_file/data");
  const file = (await readdir(dir)).find((f) => new RegExp(`^${name}\\.[0-9a-f]+\\.json$`).test(f));
  if (!file) throw new Error(`no ${name}.json in ${dir}`);
  return JSON.parse(await readFile(join(dir, file), "utf8")) as T;
}

async function tooltip(page: Page, figure: string): Promise<{ text: string; href: string | null }> {
  const tip = page.locator(`${figure} .chart-tooltip`);
  await expect.poll(() => tip.isVisible()).toBe(true);
  return { text: await tip.locator("p").innerText(), href: await tip.locator("a").getAttribute("href") };
}

describeBrowser("hashtags and attention page in Chromium", () => {
  const site = useSite();
  let hashtags: HashtagData;
  let pageviews: PageviewsData;

  beforeAll(async () => {
    [hashtags, pageviews] = await Promise.all([builtJson<HashtagData>(inject("siteDir"), "hashtags"), builtJson<PageviewsData>(inject("siteDir"), "pageviews")]);
  });

  it.each(WIDTHS)("at %i px: draws the hashtag marks, tooltips link to sources, page views draw or say what to run", async (width) => {
    const opened = await openPage(site.browser, `${site.url}/attention`, { width });
    try {
      const { page } = opened;
      await page.waitForSelector("#hashtags svg .mark", { timeout: 15_000 });
      await page.waitForSelector("#pageviews svg", { timeout: 15_000 });
      await page.screenshot({ path: join(SCREENSHOTS, `attention-${width}.png`), fullPage: true });

      // Every committed reported hashtag count is a mark, and every link in the charts is http(s).
      const reportedCount = hashtags.reported.reduce((n, s) => n + s.points.length, 0);
      expect(reportedCount).toBeGreaterThan(0);
      expect(await page.locator("#hashtags svg .panel .mark").count()).toBe(reportedCount);
      const hrefs = await page.locator("figure.chart svg a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
      expect(hrefs.length).toBeGreaterThan(0);
      expect(hrefs.filter((h) => !/^https?:\/\/\S+$/.test(h)), "links in the charts that are not http(s)").toEqual([]);
      expect(await page.locator("#hashtags svg > desc").textContent()).toMatch(/^Views of #tiktokrefugee on Xiaohongshu/);
      const main = await page.locator("main").innerText();
      expect(main).toContain("#EscapeTikTok had no sourced count.");
      if (hashtags.measured.length === 0) expect(main).toContain("No measured hashtag counts yet: the TikTok Research API loader runs only with credentials.");
      if (pageviews.series.length === 0) {
        expect(await page.locator("#pageviews svg").textContent()).toMatch(/No page views stored yet\..*npm run refresh --\s*--source wikipedia-pageviews/);
        expect(main).not.toContain("Attention peak against the 2024 baseline");
      } else {
        expect(await page.locator("#pageviews svg .pageviews-line").count()).toBe(pageviews.series.length);
        expect(main).toContain("Attention peak against the 2024 baseline");
      }

      // Hover: the tooltip says what the mark is and links to its source.
      const mark = page.locator("#hashtags svg a.source-link .mark").first();
      await mark.scrollIntoViewIfNeeded();
      await mark.hover({ force: true });
      const hovered = await tooltip(page, "#hashtags");
      expect(hovered.text).toMatch(/#tiktokrefugee on Xiaohongshu: .* Source: /);
      expect(hovered.href).toMatch(/^https?:\/\//);
      // Keyboard focus on another mark's link does the same.
      await page.keyboard.press("Escape");
      const link = page.locator("#hashtags svg a.source-link:has(.mark)").nth(3);
      await link.focus();
      const focused = await tooltip(page, "#hashtags");
      expect(focused.href).toBe(await link.getAttribute("href"));

      await expectCleanPage(opened);
    } finally {
      await opened.close();
    }
  });

  it.each(AXE_VIEWS)("at %i px, %s theme: axe finds no violations", async (width, colorScheme) => {
    const opened = await openPage(site.browser, `${site.url}/attention`, { width, colorScheme });
    try {
      await opened.page.waitForSelector("#hashtags svg .mark", { timeout: 15_000 });
      await opened.page.locator("details.data-table summary").first().click();
      expect(await axe(opened.page, { ignore: FRAMEWORK_CHROME })).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
