/**
 * The Methodology page in Chromium: at phone, tablet and desktop widths it shows every documented
 * conflict with each number linked to its source, the limitations and the commands to reproduce,
 * its links into the Data page resolve, and it loads with no console error, no other host, and no
 * axe violation. Screenshots: test-results/screenshots/methodology-<width>.png.
 */
import { join, resolve } from "node:path";
import { expect, it } from "vitest";
import { CONFLICTS } from "../../src/data/derive/methodology.ts";
import { axe, describeBrowser, openPage } from "../helpers/browser.ts";
import { FRAMEWORK_CHROME, horizontalOverflow, AXE_VIEWS } from "../helpers/site-page.ts";
import { SCREENSHOTS, useSite, WIDTHS } from "../helpers/site-session.ts";


describeBrowser("methodology page in Chromium", () => {
  const site = useSite();

  it.each(WIDTHS)("at %i px: every conflict, each number linked to its source; limitations and commands; links resolve", async (width) => {
    const opened = await openPage(site.browser, `${site.url}/methodology`, { width });
    try {
      const { page } = opened;
      await page.waitForSelector("section.conflict", { timeout: 10_000 });
      await page.screenshot({ path: join(SCREENSHOTS, `methodology-${width}.png`), fullPage: true });
      expect(opened.consoleErrors, "console errors").toEqual([]);
      expect(opened.externalRequests, "requests to other hosts").toEqual([]);
      expect(await horizontalOverflow(page), "horizontal overflow in px").toBeLessThanOrEqual(1);

      expect(await page.locator("section.conflict").evaluateAll((s) => s.map((e) => e.id))).toEqual(CONFLICTS.map((c) => `conflict-${c.key}`));
      const report = await page.locator("section.conflict").evaluateAll((sections) =>
        sections.map((section) => {
          const unlinked: string[] = [];
          const badLinks: string[] = [];
          for (const p of section.querySelectorAll("p")) {
            const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const a = node.parentElement?.closest("a");
              if (/(?<![A-Za-z])\d/.test(node.textContent ?? "") && !a) unlinked.push(node.textContent ?? "");
            }
          }
          for (const a of section.querySelectorAll("a")) if (!/^https?:\/\/\S+$/.test(a.getAttribute("href") ?? "")) badLinks.push(a.outerHTML);
          return { id: section.id, unlinked, badLinks, missing: section.textContent?.includes("(source missing)") ?? false, sources: section.querySelectorAll("details li a").length };
        }),
      );
      for (const r of report) {
        expect(r.unlinked, `${r.id}: numbers without a source link`).toEqual([]);
        expect(r.badLinks, `${r.id}: links that are not http(s)`).toEqual([]);
        expect(r.missing, `${r.id}: a row the text names is missing`).toBe(false);
        expect(r.sources, `${r.id}: sources listed`).toBeGreaterThan(0);
      }

      const text = await page.locator("#observablehq-main").innerText();
      for (const phrase of ["npm ci && npm run build", "npm test", "npm run update", "npm run data:verify", "npm run observe", "Lemon8's App Store id", "No official user figures", "Copies, not always originals"]) {
        expect(text, phrase).toContain(phrase);
      }
      expect(await page.locator(".lemon8-note").innerText()).toMatch(/\d{6,}/);

      // Links into the Data page go to a page and a dataset that exist.
      const internal = await page.locator("#observablehq-main a[href^='./data']").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
      expect(internal.length).toBeGreaterThan(0);
      for (const href of new Set(internal)) {
        const url = new URL(href);
        expect((await fetch(url.href)).status, href).toBe(200);
      }
      const anchors = [...new Set(internal.map((h) => new URL(h).hash.slice(1)).filter(Boolean))];
      const data = await openPage(site.browser, `${site.url}/data`, { width });
      try {
        await data.page.waitForSelector("section.dataset", { timeout: 10_000 });
        for (const id of anchors) expect(await data.page.locator(`section.dataset#${id}`).count(), id).toBe(1);
      } finally {
        await data.close();
      }
    } finally {
      await opened.close();
    }
  });

  it.each(AXE_VIEWS)("at %i px, %s theme: axe finds no violations", async (width, colorScheme) => {
    const opened = await openPage(site.browser, `${site.url}/methodology`, { width, colorScheme });
    try {
      await opened.page.waitForSelector("section.conflict", { timeout: 10_000 });
      await opened.page.evaluate(() => document.querySelectorAll("details").forEach((d) => d.setAttribute("open", "")));
      expect(await axe(opened.page, { ignore: FRAMEWORK_CHROME })).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
