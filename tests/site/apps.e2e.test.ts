/**
 * /apps on the committed data (no chart measured yet), in Chromium served from 127.0.0.1: the
 * printed HTML says no chart has been measured and how to refresh; the search box reads `?q=` on
 * load and keeps it in the address as the reader types, and says there is nothing to find; nothing
 * errors, no other host is asked for anything, and axe finds no violations.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, inject, it } from "vitest";
import { axe, describeBrowser, openPage } from "../helpers/browser.ts";
import { AXE_VIEWS, expectCleanPage, FRAMEWORK_CHROME } from "../helpers/site-page.ts";
import { SCREENSHOTS, useSite, WIDTHS } from "../helpers/site-session.ts";

const EMPTY = "No chart has been measured yet";
const REFRESH = "npm run refresh -- --source apple-charts";

it("prints the empty state and the refresh command into the page's HTML", async () => {
  const html = await readFile(join(inject("siteDir"), "apps.html"), "utf8");
  expect(html).toContain(EMPTY);
  expect(html).toContain(`<code>${REFRESH}</code>`);
  expect(html).toMatch(/<input id="app-q" name="q" type="search"/);
});

describeBrowser("apps page in Chromium", () => {
  const site = useSite();

  it.each(WIDTHS)("at %i px: says nothing is measured, and the query lives in ?q=", async (width) => {
    const opened = await openPage(site.browser, `${site.url}/apps?q=${encodeURIComponent("小红书")}`, { width });
    try {
      const { page } = opened;
      await expect.poll(() => page.locator("#app-results").innerText()).toContain(EMPTY);
      expect(await page.inputValue("#app-q")).toBe("小红书");
      expect(await page.locator(".apps-status").innerText()).toContain(REFRESH);
      await page.fill("#app-q", "Lemon8 café");
      await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("Lemon8 café");
      await page.fill("#app-q", "");
      await expect.poll(() => new URL(page.url()).searchParams.has("q")).toBe(false);
      await page.screenshot({ path: join(SCREENSHOTS, `apps-${width}.png`), fullPage: true });
      await expectCleanPage(opened);
    } finally {
      await opened.close();
    }
  });

  it("with ?id= of an app no snapshot lists, says so", async () => {
    const opened = await openPage(site.browser, `${site.url}/apps?id=741292507`, { width: 768 });
    try {
      await expect.poll(() => opened.page.locator("#app-view").innerText()).toContain("No stored chart snapshot lists an app with the id “741292507”.");
      await expectCleanPage(opened);
    } finally {
      await opened.close();
    }
  });

  it.each(AXE_VIEWS)("at %i px, %s theme: axe finds no violations", async (width, colorScheme) => {
    const opened = await openPage(site.browser, `${site.url}/apps?q=a`, { width, colorScheme });
    try {
      expect(await axe(opened.page, { ignore: FRAMEWORK_CHROME })).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
