/**
 * The Content-Security-Policy every built page carries (scripts/html-fixes.ts) holds in Chromium:
 * each page loads with no violation, and a script injected into the page — what a hostile string
 * would become if it ever reached the DOM as HTML — does not run.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { describeBrowser, launchBrowser, openPage } from "../helpers/browser.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";

const PAGES = ["/", "/rankings", "/attention", "/timeline", "/data", "/methodology", "/apps", "/embed/story-chart"];

describeBrowser("Content-Security-Policy in Chromium", () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), serveStatic(inject("siteDir"))]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const path of PAGES) {
    it(`${path}: no violation while loading, and an injected inline script does not run`, async () => {
      const opened = await openPage(browser, `${server.url}${path}`, { width: 1024 });
      try {
        const { page } = opened;
        const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
        expect(policy).toMatch(/default-src 'self'/);
        expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
        expect(opened.consoleErrors, "errors while loading (a CSP violation logs one)").toEqual([]);
        const ran = await page.evaluate(async () => {
          const violations: string[] = [];
          document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective));
          const w = window as unknown as { injected?: boolean };
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
          const holder = document.createElement("div");
          holder.innerHTML = '<img src="x" onerror="window.injected = true">';
          document.body.append(holder);
          await new Promise((resolve) => setTimeout(resolve, 200));
          return { injected: w.injected === true, violations };
        });
        expect(ran.injected).toBe(false);
        expect(ran.violations.length).toBeGreaterThan(0);
      } finally {
        await opened.close();
      }
    });
  }
});
