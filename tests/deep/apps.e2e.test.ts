/**
 * /apps on a site built from a data directory with chart snapshots (the committed data plus US and
 * UK top-free charts over four days, one missing in the US): an untracked app's name and a CJK name
 * lead to the app's page with a drawn rank chart; `&country=` draws one storefront; a tracked app's
 * reported rows are shown apart and labelled; a hostile name is text in the results and the title
 * and runs nothing.
 *
 * Then issue 16's must-show, end to end: a US top-free feed made up for this run (the recorded
 * shape of tests/fixtures/apple, new ids and names, some hostile), served on 127.0.0.1, refreshed
 * into a copy of the data with the real `refresh` command and built from it; and the same app in
 * the embed /embed/app and through its exported module.
 */
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { randomInt } from "node:crypto";
import { PROJECT_ROOT } from "../../loaders/config.ts";
import type { ChartSnapshotRow } from "../../loaders/schema.ts";
import { openStore } from "../../loaders/store/write.ts";
import { chartFeed, type Feed } from "../helpers/apple-fixtures.ts";
import { sendJson, startServer, type LocalServer } from "../helpers/local-server.ts";
import { runTsx } from "../helpers/run-tsx.ts";
import { child, childrenNamed, parseXml } from "../helpers/xml.ts";
import { axe, describeBrowser, launchBrowser, openPage, type OpenedPage } from "../helpers/browser.ts";
import { AXE_VIEWS, FRAMEWORK_CHROME, horizontalOverflow } from "../helpers/site-page.ts";
import { buildSiteFrom } from "../helpers/build-from.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";

const HOSTILE = `<img src=x onerror="window.injected = true">\u202E=SUM(A1)`;
const REDNOTE = "741292507";
const ZEPHYR = "1234567890";
const DAYS = ["2025-02-01", "2025-02-02", "2025-02-04", "2025-02-05"];

function rows(country: string, time: string): ChartSnapshotRow[] {
  const apps: [string, string][] = [
    [ZEPHYR, "Zéphyr Notes"],
    [REDNOTE, "小红书"],
    ["999000001", HOSTILE],
    ...Array.from({ length: 20 }, (_, i): [string, string] => [String(500000 + i), `Filler ${i}`]),
  ];
  return apps.map(([app_id, name], i) => ({ store: "app-store", country, chart: "top-free", rank: i + 1, app_id, name, developer: `${name} Ltd`, retrieved_at: time }));
}

async function clean(opened: OpenedPage): Promise<void> {
  expect(await opened.page.evaluate(() => (window as unknown as { injected?: boolean }).injected === true)).toBe(false);
  expect(await opened.page.locator("#observablehq-main img[onerror]").count()).toBe(0);
  expect(opened.consoleErrors).toEqual([]);
  expect(opened.externalRequests).toEqual([]);
}

/**
 * Opens the table of points and each of its chart-years (each fetches its file then); returns every
 * point's row: chart, day, rank, snapshot file, sha256.
 */
async function openPoints(page: OpenedPage["page"]): Promise<string[][]> {
  await page.locator(".app-points > summary").click();
  const years = page.locator(".app-points-year");
  for (let i = 0; i < (await years.count()); i++) {
    await years.nth(i).locator("summary").click();
    await years.nth(i).locator("table td.hash").first().waitFor();
  }
  return page.locator(".app-points tr:has(td)").evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent ?? "")));
}

/** Each point names its snapshot file and its sha256. */
function expectFiles(points: readonly string[][]): void {
  for (const [, , , path, sha256] of points) {
    expect(path).toMatch(/^chart_snapshots\/apple-charts\/\S+\.csv$/);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  }
}

describeBrowser("/apps on a site with chart snapshots", () => {
  let tmp: string;
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "rednote-apps-"));
    const dataDir = join(tmp, "data");
    await cp(join(PROJECT_ROOT, "data"), dataDir, { recursive: true });
    const store = await openStore(dataDir, { log: () => {} });
    const charts = DAYS.flatMap((day) => (day === "2025-02-02" ? ["us", "gb"] : day === "2025-02-04" ? ["gb"] : ["us", "gb"]).map((country) => [country, `${day}T12:00:00.000Z`] as const));
    await store.writeMany(
      charts.map(([country, time]) => ({
        dataset: "chart_snapshots" as const,
        source: "apple-charts",
        scope: `${country}-top-free`,
        retrievedAt: time,
        rows: rows(country, time),
        sources: [{ title: "test", path: "http://127.0.0.1/feed.json" }],
      })),
    );
    await store.close();
    buildSiteFrom(dataDir, join(tmp, "dist"), { TRACKER_CACHE_DIR: join(tmp, "cache") });
    [browser, server] = await Promise.all([launchBrowser(), serveStatic(join(tmp, "dist"))]);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("prints how many apps the charts hold, and the site has every search, id, history and chart-year file", async () => {
    expect(await readFile(join(tmp, "dist", "apps.html"), "utf8")).toContain("23 apps have appeared in the charts measured so far");
    const files = await readdir(join(tmp, "dist", "_file", "data", "apps"));
    const count = (kind: string) => files.filter((f) => new RegExp(`^${kind}-[0-9a-f]{2}\\.[0-9a-f]+\\.json$`).test(f)).length;
    expect([count("history"), count("search"), count("ids")]).toEqual([256, 64, 64]);
    expect(files.some((f) => f.startsWith("charts."))).toBe(true);
    const years = await readdir(join(tmp, "dist", "_file", "data", "apps", "snapshots"));
    expect(years.map((f) => f.replace(/\.[0-9a-f]+\.json$/, "")).sort()).toEqual(["app-store-gb-top-free-2025", "app-store-us-top-free-2025"]);
  });

  it.each([
    ["an untracked app's name, without its accent", "zephyr", ZEPHYR, "Zéphyr Notes"],
    ["a CJK name", "小红", REDNOTE, "小红书"],
  ])("a search by %s leads to the app's page with a drawn rank chart", async (_, query, id, name) => {
    const opened = await openPage(browser, `${server.url}/apps?q=${encodeURIComponent(query)}`, { width: 1024 });
    try {
      const { page } = opened;
      const link = page.locator("#app-results a").first();
      await expect.poll(() => link.innerText()).toBe(name);
      await link.click();
      await page.waitForSelector("#app-view svg circle.mark", { timeout: 15_000 });
      expect(new URL(page.url()).searchParams.get("id")).toBe(id);
      expect(await page.locator("#app-view h2.app-name").innerText()).toBe(name);
      // Two storefronts, a chart each (UK first). No chart was stored on Feb 3, and the US has none
      // on Feb 4 either: the UK's four days are two lines, the US's three days one line and a dot.
      const figures = page.locator("#app-view figure");
      expect(await figures.count()).toBe(2);
      expect([await figures.nth(0).locator("circle.mark").count(), await figures.nth(0).locator("path.line").count()]).toEqual([4, 2]);
      expect([await figures.nth(1).locator("circle.mark").count(), await figures.nth(1).locator("path.line").count()]).toEqual([3, 1]);
      const title = await page.locator("#app-view circle.mark title").first().textContent();
      expect(title).toMatch(/^App Store (UK|US), free, \w+ \d+, 2025: #\d+$/);
      expect(await page.locator(".app-stats").innerText()).toMatch(/Days in a top 10\s+4/);
      // Each of the 7 points names its file and sha256, once its chart-year's table is open.
      const points = await openPoints(page);
      expect(points).toHaveLength(7);
      expectFiles(points);
      await clean(opened);
    } finally {
      await opened.close();
    }
  });

  it("&country= draws one storefront, and a tracked app's reported rows are apart and labelled", async () => {
    const opened = await openPage(browser, `${server.url}/apps?id=${REDNOTE}&country=us`, { width: 768 });
    try {
      const { page } = opened;
      await page.waitForSelector("#app-view svg circle.mark", { timeout: 15_000 });
      expect(await page.locator("#app-view figure").count()).toBe(1);
      const reported = page.locator(".app-reported");
      expect(await reported.locator("h2").innerText()).toMatch(/^Reported/);
      expect(await reported.locator("li").count()).toBeGreaterThan(0);
      for (const text of await reported.locator("li").allInnerTexts()) expect(text).toMatch(/^reported · /);
      await clean(opened);
    } finally {
      await opened.close();
    }
  });

  it("a hostile name is text in the results, the page and the chart, and runs nothing", async () => {
    const opened = await openPage(browser, `${server.url}/apps?q=${encodeURIComponent("<img")}`, { width: 1024 });
    try {
      const { page } = opened;
      const link = page.locator("#app-results a").first();
      await expect.poll(() => link.innerText()).toBe(HOSTILE);
      await link.click();
      await page.waitForSelector("#app-view svg circle.mark", { timeout: 15_000 });
      expect(await page.locator("#app-view h2.app-name").innerText()).toBe(HOSTILE);
      expect(await page.title()).toBe(`${HOSTILE} · RedNote Tracker`);
      expect(await page.locator("#app-view svg > title").first().textContent()).toBe(`${HOSTILE} in United Kingdom: rank in the charts`);
      await clean(opened);
    } finally {
      await opened.close();
    }
  });

  it("at 320 px the app's page, its table of points open, is no wider than the screen", async () => {
    const opened = await openPage(browser, `${server.url}/apps?id=999000001`, { width: 320 });
    try {
      const { page } = opened;
      await page.waitForSelector("#app-view svg circle.mark", { timeout: 15_000 });
      expect(await openPoints(page)).toHaveLength(7);
      await expect.poll(() => horizontalOverflow(page), { message: "horizontal overflow in px" }).toBeLessThanOrEqual(1);
      await clean(opened);
    } finally {
      await opened.close();
    }
  });

  it.each(AXE_VIEWS)("at %i px, %s theme: axe finds no violations in the results and the app's page", async (width, colorScheme) => {
    for (const path of ["/apps?q=a", `/apps?id=${REDNOTE}`]) {
      const opened = await openPage(browser, `${server.url}${path}`, { width, colorScheme });
      try {
        await opened.page.waitForSelector(path.includes("id=") ? "#app-view svg circle.mark" : "#app-results li", { timeout: 15_000 });
        expect(await axe(opened.page, { ignore: FRAMEWORK_CHROME }), path).toEqual([]);
      } finally {
        await opened.close();
      }
    }
  });
});

describeBrowser("issue 16's must-show: a refreshed feed nobody has seen, built and searched", () => {
  const run = randomInt(1e6, 9e6);
  const untracked = { id: `${run}001`, name: `Quillmoss Journal ${run}`, rank: 4 };
  const cjk = { id: `${run}002`, name: `墨记笔记 ${run}`, rank: 7 };
  const script = { id: `${run}003`, name: `<script>window.injected = true</script>`, rank: 2 };
  const img = { id: `${run}004`, name: `<img src=x onerror="window.injected = true"> Photos`, rank: 3 };
  const formula = { id: `${run}005`, name: `=HYPERLINK("https://evil.example","Calc") \u202Eevil\u202C`, rank: 5 };
  const named = [untracked, cjk, script, img, formula];
  let tmp: string;
  let feedServer: LocalServer;
  let browser: Browser;
  let server: StaticServer;

  /** A top-free feed of 30 apps: RedNote first, then the apps above at their ranks, fillers between. */
  function unseenFeed(): Feed {
    const feed = chartFeed("top-free");
    const model = feed.feed.results[0]!;
    feed.feed.results = Array.from({ length: 30 }, (_, i) => {
      const app = i === 0 ? { id: REDNOTE, name: "RedNote" } : (named.find((a) => a.rank === i + 1) ?? { id: `${run}${String(100 + i)}`, name: `Filler ${run} #${i + 1}` });
      return { ...model, id: app.id, name: app.name, artistName: `Maker of ${app.name}` };
    });
    return feed;
  }

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "rednote-apps-refresh-"));
    const dataDir = join(tmp, "data");
    await cp(join(PROJECT_ROOT, "data"), dataDir, { recursive: true });
    const feed = unseenFeed();
    feedServer = await startServer((req, res) => (req.url?.endsWith("/us/apps/top-free/100/apps.json") ? sendJson(res, feed) : sendJson(res, { error: "not served here" }, 404)));
    const refresh = await runTsx("bin/refresh.ts", ["--source", "apple-charts", "--country", "us", "--base-url", `apple-charts=${feedServer.url}`, "--data-dir", dataDir]);
    // top-paid is not served: that scope fails and top-free is stored.
    expect(refresh.stdout + refresh.stderr).toMatch(/us-top-free\s.*new/);
    buildSiteFrom(dataDir, join(tmp, "dist"), { TRACKER_CACHE_DIR: join(tmp, "cache") });
    [browser, server] = await Promise.all([launchBrowser(), serveStatic(join(tmp, "dist"))]);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await feedServer?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it.each([
    ["an untracked app's name", untracked.name.slice(0, 9).toLowerCase(), untracked],
    ["a CJK name", "墨记", cjk],
  ])("a search by %s, clicked, leads to the app's page with its rank drawn", async (_, query, app) => {
    const opened = await openPage(browser, `${server.url}/apps?q=${encodeURIComponent(query)}`, { width: 1024 });
    try {
      const { page } = opened;
      const link = page.locator("#app-results a").first();
      await expect.poll(() => link.innerText()).toBe(app.name);
      await link.click();
      await page.waitForSelector("#app-view svg circle.mark", { timeout: 15_000 });
      expect(new URL(page.url()).searchParams.get("id")).toBe(app.id);
      expect(await page.locator("#app-view h2.app-name").innerText()).toBe(app.name);
      // One snapshot: one dot, no line, at the feed's rank.
      expect(await page.locator("#app-view svg circle.mark").count()).toBe(1);
      expect(await page.locator("#app-view svg path.line").count()).toBe(0);
      expect(await page.locator("#app-view circle.mark title").textContent()).toMatch(new RegExp(`: #${app.rank}$`));
      const points = await openPoints(page);
      expect(points.map(([, , rank]) => rank)).toEqual([`#${app.rank}`]);
      expectFiles(points);
      expect(await page.locator(".app-stats").innerText()).toMatch(new RegExp(`Best rank\\s+#${app.rank}\\b`));
      await clean(opened);
    } finally {
      await opened.close();
    }
  });

  it("/feed.xml parses as Atom, with the US chart's first top 10 as an entry, hostile names as text", async () => {
    const response = await fetch(`${server.url}/feed.xml`);
    expect(response.ok).toBe(true);
    const root = parseXml(await response.text());
    expect([root.name, root.uri]).toEqual(["feed", "http://www.w3.org/2005/Atom"]);
    for (const name of ["id", "title", "updated"]) expect(child(root, name)?.text, name).toBeTruthy();
    const entries = childrenNamed(root, "entry");
    expect(entries.length).toBeGreaterThan(0);
    const first = entries.find((e) => child(e, "id")!.text.includes("top10/app-store/us/top-free/"));
    expect(first, "the US chart's first measured top 10").toBeDefined();
    const summary = child(first!, "summary")!.text;
    for (const app of named.filter((a) => a.rank <= 10)) expect(summary).toContain(app.name);
    const links = childrenNamed(first!, "link").map((l) => l.attributes.href!);
    expect(links.some((href) => href.endsWith(`apps?id=${untracked.id}`))).toBe(true);
  });

  it.each([
    ["<script>", "<script", script],
    ["<img onerror>", "<img", img],
    ["formula and bidi", "=hyperlink", formula],
  ])("a %s name is text in the results and the app's page, and runs nothing", async (_, query, app) => {
    const opened = await openPage(browser, `${server.url}/apps?q=${encodeURIComponent(query)}`, { width: 1024 });
    try {
      const { page } = opened;
      const link = page.locator("#app-results a").first();
      await expect.poll(() => link.innerText()).toBe(app.name);
      await link.click();
      await page.waitForSelector("#app-view svg circle.mark", { timeout: 15_000 });
      expect(await page.locator("#app-view h2.app-name").innerText()).toBe(app.name);
      expect(await page.title()).toBe(`${app.name} · RedNote Tracker`);
      expect(await page.locator("#observablehq-main script:not([type])").count()).toBe(0);
      await clean(opened);
    } finally {
      await opened.close();
    }
  });
it("/embed/app?id= shows the app's name, rank and drawn chart, and a credit line to its page", async () => {
    const opened = await openPage(browser, `${server.url}/embed/app?id=${untracked.id}&country=us`, { width: 600 });
    try {
      const { page } = opened;
      await page.waitForSelector("#rednote-embed svg circle.mark", { timeout: 15_000 });
      expect(await page.locator("#rednote-embed h2.app-name").innerText()).toBe(untracked.name);
      expect(await page.locator("#rednote-embed svg circle.mark").count()).toBe(1);
      expect(await page.locator(".app-stats").innerText()).toMatch(new RegExp(`Best rank\\s+#${untracked.rank}\\b`));
      expect(await page.locator(".app-points > summary").innerText()).toMatch(/snapshot file and sha256/);
      expectFiles(await openPoints(page));
      const credit = page.locator(".rednote-credit a");
      expect(new URL(await credit.getAttribute("href") ?? "").search).toBe(`?id=${untracked.id}`);
      await clean(opened);
    } finally {
      await opened.close();
    }
  });

  it.each([
    ["an id no snapshot lists", "?id=1", /No stored chart snapshot lists an app with the id “1”/],
    ["no id", "", /Name an app by its App Store id/],
    ["a country that is no code", `?id=${untracked.id}&country=usa`, /Unknown country "usa"/],
  ])("/embed/app with %s says so in the frame", async (_, query, message) => {
    const opened = await openPage(browser, `${server.url}/embed/app${query}`, { width: 400 });
    try {
      await expect.poll(() => opened.page.locator("#rednote-embed [role=alert]").innerText().catch(() => "")).toMatch(message);
      expect(await opened.page.locator("#rednote-embed svg").count()).toBe(0);
      await clean(opened);
    } finally {
      await opened.close();
    }
  });

  it("an app's page links to the Embed page, which previews the app's embed and gives its snippets", async () => {
    const opened = await openPage(browser, `${server.url}/apps?id=${untracked.id}&country=us`, { width: 1024 });
    try {
      const { page } = opened;
      await page.locator("#app-view a", { hasText: "Embed this chart" }).click();
      await page.waitForSelector("#app-embed-chosen h3", { timeout: 15_000 });
      expect(new URL(page.url()).pathname).toBe("/embed");
      expect(await page.locator("#app-embed-chosen h3").innerText()).toBe(untracked.name);
      const frame = page.frameLocator("#app-embed-chosen iframe[data-rednote-embed]");
      await frame.locator("svg circle.mark").waitFor({ timeout: 15_000 });
      expect(await frame.locator("h2.app-name").innerText()).toBe(untracked.name);
      const code = await page.locator("#embed-code-app").inputValue();
      expect(code).toContain(`${server.url}/embed/app?id=${untracked.id}&amp;country=us`);
      // Where scripts cannot run, a link to the app's page stands in.
      expect(code).toMatch(new RegExp(`<noscript>.*<a href="${server.url}/apps\\?id=${untracked.id}&amp;country=us">${untracked.name}: rank history, on RedNote Tracker</a></noscript>`));
      expect(await page.locator("#embed-module-app").inputValue()).toContain(`draw(document.getElementById("rednote-app-${untracked.id}"), {"id":"${untracked.id}","country":"us"});`);
      await clean(opened);
    } finally {
      await opened.close();
    }
  });

  it("the Embed page's search finds a CJK name and chooses it; a hostile name is text there and runs nothing", async () => {
    const opened = await openPage(browser, `${server.url}/embed#app-embed`, { width: 1024 });
    try {
      const { page } = opened;
      await page.locator("#app-q").fill("墨记");
      const link = page.locator("#app-results a").first();
      await expect.poll(() => link.innerText()).toBe(cjk.name);
      await link.click();
      await expect.poll(() => page.locator("#app-embed-chosen h3").innerText().catch(() => "")).toBe(cjk.name);
      await page.goto(`${server.url}/embed?id=${img.id}#app-embed`);
      await expect.poll(() => page.locator("#app-embed-chosen h3").innerText().catch(() => "")).toBe(img.name);
      expect(await page.locator("#embed-code-app").inputValue()).toContain("&lt;img src=x onerror=&quot;window.injected = true&quot;&gt; Photos: rank history");
      await clean(opened);
    } finally {
      await opened.close();
    }
  });

  it("the exported module /embed/app.js draws the hostile-named app into an element, as text", async () => {
    const opened = await openPage(browser, `${server.url}/embed/app?id=${untracked.id}`, { width: 800 });
    try {
      const { page } = opened;
      // A string, not a function: vitest would rewrite a function's import() for Node.
      await page.evaluate(`(async () => {
        const element = document.body.appendChild(document.createElement("div"));
        element.id = "host";
        const {draw} = await import("/embed/app.js");
        await draw(element, {id: ${JSON.stringify(img.id)}});
      })()`);
      await page.waitForSelector("#host svg circle.mark", { timeout: 15_000 });
      expect(await page.locator("#host h2.app-name").innerText()).toBe(img.name);
      expect(await page.locator("img[onerror]").count()).toBe(0);
      await clean(opened);
    } finally {
      await opened.close();
    }
  });
});
