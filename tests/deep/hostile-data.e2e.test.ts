/**
 * Hostile data in the site: the real build runs on a data directory whose names, notes and titles
 * carry HTML, script and very long strings. In Chromium every page shows them as text, runs none
 * of them, and links only to http(s) addresses. (`javascript:` and `data:` URLs never get this far:
 * the schemas refuse them, see tests/loaders/schema.test.ts.)
 */
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../loaders/config.ts";
import { openStore } from "../../loaders/store/write.ts";
import { readAll } from "../../loaders/store/read.ts";
import { describeBrowser, launchBrowser, openPage } from "../helpers/browser.ts";
import { buildSiteFrom } from "../helpers/build-from.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";

const SCRIPT = `<script>window.injected = true</script>`;
const IMG = `<img src=x onerror="window.injected = true">`;
const LONG = "a".repeat(4000);
/** What Markdown, Framework's `${…}`, a spreadsheet and bidi rendering would each read as more than text. */
const SYNTAX = "${window.injected = true} **bold** [link](javascript:alert(1)) =HYPERLINK(\"https://evil.example\") \u202Eevil\u202C";
const PAGES = ["/", "/rankings", "/attention", "/timeline", "/data", "/methodology"];

describeBrowser("hostile data in the built site", () => {
  let tmp: string;
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "rednote-hostile-"));
    const dataDir = join(tmp, "data");
    await cp(join(PROJECT_ROOT, "data"), dataDir, { recursive: true });
    const at = new Date().toISOString();
    const store = await openStore(dataDir, { log: () => {} });
    const apps = await readAll(dataDir, "tracked_apps");
    await store.write({
      dataset: "tracked_apps",
      source: "editorial",
      scope: "apps",
      retrievedAt: at,
      rows: apps.map((a) => (a.key === "xiaohongshu" ? { ...a, name_en: `RedNote ${IMG}` } : a)),
      sources: [],
    });
    const reported = await readAll(dataDir, "reported");
    await store.write({
      dataset: "reported",
      source: "editorial",
      scope: "story",
      retrievedAt: at,
      rows: reported.map((r) => (r.id === "O012" ? { ...r, publisher: `The ${IMG} Times`, note: `${SCRIPT} ${LONG}`, url: "https://example.com/?q=<script>alert(1)</script>" } : r)),
      sources: [],
    });
    const events = await readAll(dataDir, "events");
    await store.write({
      dataset: "events",
      source: "editorial",
      scope: "story",
      retrievedAt: at,
      rows: events.map((e) => (e.id === "E022" ? { ...e, title: `Court ${SCRIPT} rules ${LONG}` } : e.id === "E023" ? { ...e, title: `Ruling ${SYNTAX}` } : e)),
      sources: [],
    });
    await store.close();
    buildSiteFrom(dataDir, join(tmp, "dist"));
    [browser, server] = await Promise.all([launchBrowser(), serveStatic(join(tmp, "dist"))]);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  for (const path of PAGES) {
    it(`${path} shows hostile strings as text, runs none of them, links only http(s)`, async () => {
      const opened = await openPage(browser, `${server.url}${path}`, { width: 1024 });
      try {
        const { page } = opened;
        await page.waitForTimeout(500);
        const state = await page.evaluate(() => ({
          injected: (window as unknown as { injected?: boolean }).injected === true,
          injectedElements: document.querySelectorAll("main img[onerror], main script:not([type]), #observablehq-main img[onerror]").length,
          badLinks: [...document.querySelectorAll("a[href]")]
            .map((a) => a.getAttribute("href") ?? "")
            .filter((href) => /^\s*(javascript|data|vbscript):/i.test(href)),
          text: document.body.innerText,
        }));
        expect(state.injected).toBe(false);
        expect(state.injectedElements).toBe(0);
        expect(state.badLinks).toEqual([]);
        expect(opened.consoleErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
        expect(opened.externalRequests).toEqual([]);
        if (path === "/timeline") expect(state.text).toContain(`Court ${SCRIPT} rules`);
        if (path === "/timeline") expect(state.text).toContain(`Ruling ${SYNTAX}`);
      } finally {
        await opened.close();
      }
    });
  }

  it("the printed HTML of every page holds the hostile strings as text only", async () => {
    for (const path of PAGES) {
      // Parsed as a browser parses it: data may stand inside attribute values and texts, never as elements.
      const { document } = parseHTML(await readFile(join(tmp, "dist", `${path === "/" ? "index" : path.slice(1)}.html`), "utf8"));
      const live = {
        scripts: [...document.querySelectorAll("script")].filter((s) => s.textContent?.includes("injected")).length,
        handlers: document.querySelectorAll("[onerror]").length,
        bold: [...document.querySelectorAll("strong, b")].filter((b) => b.textContent === "bold").length,
        links: [...document.querySelectorAll("a[href]")].filter((a) => /^\s*javascript:/i.test(a.getAttribute("href") ?? "")).length,
      };
      expect(live, path).toEqual({ scripts: 0, handlers: 0, bold: 0, links: 0 });
    }
    const { document } = parseHTML(await readFile(join(tmp, "dist", "timeline.html"), "utf8"));
    const text = document.querySelector("main")!.textContent ?? "";
    // Printed, so in the HTML before any script: the titles exactly as stored, as text.
    expect(text).toContain(`Court ${SCRIPT} rules`);
    expect(text).toContain(`Ruling ${SYNTAX}`);
  });
});
