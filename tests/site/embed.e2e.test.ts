/**
 * Embeds in Chromium, the way an article uses them: the built site on one local port, a plain
 * "article" page on another port that pastes the Embed page's snippets.
 *
 * The article embeds three charts with different parameters (the story for one app and a date
 * range; one country's ranks, forced dark; the hashtag counts as they are) and the story with a
 * bad country. At 320 and 1024 px: every iframe is taken up by /embed-loader.js without being loaded
 * again (no childId in its URL, one request for its page) and ends up as tall as its content (pym.js height messages), within 2 px; the charts draw marks; the bad one says what
 * is wrong; no script error in the page or its frames; nothing is requested from any host but the
 * two ports; each frame's chart has been redrawn at the frame's width. Also: every embed page
 * carries its chart in its HTML (read raw, and shown with JavaScript off), the exported module
 * drawn into the article from the other origin, print, and axe on the embed pages and the Embed
 * page. Screenshots: test-results/screenshots/embed-*.png.
 */
import { mkdir, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DOMParser } from "linkedom";
import type { Browser, ElementHandle, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CHART_BANDS } from "../../src/components/chart-bands.ts";
import { CHARTS, type EmbedChart } from "../../src/embed/charts.ts";
import { embedSnippet } from "../../src/embed/snippet.ts";
import { axe, describeBrowser, launchBrowser, openPage, type OpenedPage } from "../helpers/browser.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";
import { FRAMEWORK_CHROME, horizontalOverflow } from "../helpers/site-page.ts";

const SCREENSHOTS = resolve(dirname(fileURLToPath(import.meta.url)), "../../test-results/screenshots");
const WIDTHS = [320, 1024] as const;


const chart = (id: string) => {
  const found = CHARTS.find((c) => c.id === id);
  if (!found) throw new Error(`no chart ${id} in src/embed/charts.ts`);
  return found;
};
const story = chart("story-chart");
const BAD_COUNTRY_MESSAGE = 'Unknown country "zz". Use a two-letter code such as us.';
/** Three charts with different parameters (one forced dark), and one bad parameter. */
const EMBEDS: { chart: EmbedChart<unknown>; query: Record<string, string>; bad: boolean }[] = [
  { chart: story, query: { app: "lemon8", from: "2025-01-10", to: "2025-01-31" }, bad: false },
  { chart: chart("rank-chart"), query: { theme: "dark", country: "gb" }, bad: false },
  { chart: chart("hashtag-chart"), query: {}, bad: false },
  { chart: story, query: { country: "zz" }, bad: true },
];

function articleHtml(site: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>An article</title>
<style>body { font: 16px/1.5 Georgia, serif; margin: 8px; } main { max-width: 720px; margin: auto; }</style></head>
<body><main>
<h1>An article about RedNote</h1>
${EMBEDS.map((e, i) => `<p>Paragraph ${i + 1} of the article.</p>\n${embedSnippet(e.chart, site, e.query)}`).join("\n")}
<p>The end.</p>
</main></body></html>`;
}

function moduleHtml(site: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Module</title></head>
<body><main><h1>Exported module</h1><div id="chart"></div><div id="bad"></div></main>
<script type="module">
  import {draw, chart} from "${site}/embed/story-chart.js";
  window.result = (async () => {
    const drawn = await draw(document.getElementById("chart"), {width: 500, app: "xiaohongshu"});
    let error = null;
    await draw(document.getElementById("bad"), {country: "zz"}).catch((e) => (error = e.message));
    return {marks: drawn.svg.querySelectorAll(".mark").length, width: drawn.svg.getAttribute("width"), credit: document.querySelector("#chart .rednote-credit")?.textContent ?? "", error, png: chart.png};
  })();
</script></body></html>`;
}

async function startArticleServer(site: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const body = path === "/" ? articleHtml(site) : path === "/module" ? moduleHtml(site) : path === "/blank" ? "<!doctype html><title>blank</title>" : null;
    if (body === null) res.writeHead(404).end();
    else res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** 0 (black) to 1 (white), from a computed colour: "rgb(r, g, b)" or "color(srgb r g b)". */
function lightness(color: string): number {
  const numbers = color.match(/[\d.]+/g)!.map(Number).slice(0, 3);
  const scale = color.startsWith("color(") ? 1 : 255;
  return numbers.reduce((sum, n) => sum + n / scale, 0) / 3;
}

interface FrameState {
  /** Taken up by the loader. */
  sized: boolean;
  frameUrl: string;
  iframeHeight: number;
  scrollHeight: number;
  bodyHeight: number;
  marks: number;
  /** A chart was drawn (an empty chart, e.g. no page views stored yet, has no marks). */
  hasChart: boolean;
  /** Drawings the build printed (one per width band) still in the page: none once the script took over. */
  printed: number;
  /** The width the chart was drawn at, and the width of the box it is drawn in. */
  svgWidth: number;
  holderWidth: number;
  message: string;
  theme: string | null;
  background: string;
}

async function frameState(handle: ElementHandle<HTMLIFrameElement>): Promise<FrameState> {
  const [sized, iframeHeight] = await handle.evaluate((iframe) => [iframe.hasAttribute("data-rednote-sized"), iframe.getBoundingClientRect().height] as const);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("iframe has no frame");
  const inside = await frame.evaluate(() => ({
    scrollHeight: document.documentElement.scrollHeight,
    bodyHeight: document.body.getBoundingClientRect().height,
    marks: document.querySelectorAll(".rednote-chart svg .mark").length,
    hasChart: document.querySelector(".rednote-chart svg") !== null,
    printed: document.querySelectorAll(".rednote-chart .chart-variant").length,
    svgWidth: Number(document.querySelector(".rednote-chart svg")?.getAttribute("width") ?? 0),
    holderWidth: document.querySelector(".rednote-chart")?.clientWidth ?? 0,
    message: document.querySelector(".rednote-message")?.textContent ?? "",
    theme: document.documentElement.dataset.theme ?? null,
    background: getComputedStyle(document.body).backgroundColor,
  }));
  return { sized, frameUrl: frame.url(), iframeHeight, ...inside };
}

/** Opens `url` after recording every request of the context, the origins they went to, and how often each page was asked for. */
async function openRecorded(browser: Browser, article: string, path: string, width: number): Promise<OpenedPage & { origins: Set<string>; documents: Map<string, number> }> {
  const opened = await openPage(browser, `${article}/blank`, { width, waitUntil: "load" });
  const origins = new Set<string>();
  const documents = new Map<string, number>();
  opened.context.on("request", (request) => {
    const url = new URL(request.url());
    origins.add(url.protocol === "http:" || url.protocol === "https:" ? url.origin : url.protocol);
    if (request.resourceType() === "document") documents.set(request.url(), (documents.get(request.url()) ?? 0) + 1);
  });
  await opened.page.goto(`${article}${path}`, { waitUntil: "load" });
  return { ...opened, origins, documents };
}

async function waitForSizedFrames(page: Page, count: number): Promise<FrameState[]> {
  let states: FrameState[] = [];
  await expect
    .poll(
      async () => {
        const handles = (await page.$$("iframe[data-rednote-embed]")) as ElementHandle<HTMLIFrameElement>[];
        states = await Promise.all(handles.map(frameState));
        return states.length === count && states.every((s) => s.sized && (s.marks > 0 || s.message) && Math.abs(s.iframeHeight - s.bodyHeight) <= 2);
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true)
    .catch(() => undefined);
  return states;
}

describeBrowser("embeds in an article on another origin", () => {
  let browser: Browser;
  let site: StaticServer;
  let article: { url: string; server: Server };

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchBrowser(), serveStatic(inject("siteDir"))]);
    article = await startArticleServer(site.url);
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), site?.close(), new Promise((done) => (article ? article.server.close(done) : done(undefined)))]);
  });

  it.each(WIDTHS)("at %i px: frames are as tall as their content (and follow a resize), draw marks or say what is wrong", async (width) => {
    const opened = await openRecorded(browser, article.url, "/", width);
    try {
      const states = await waitForSizedFrames(opened.page, EMBEDS.length);
      await opened.page.screenshot({ path: join(SCREENSHOTS, `embed-article-${width}.png`), fullPage: true });
      expect(states).toHaveLength(EMBEDS.length);
      const ids = new Set<string>();
      states.forEach((state, i) => {
        const what = `embed ${i + 1} (${JSON.stringify(EMBEDS[i]!.query)})`;
        expect(state.sized, `${what}: taken up by the loader`).toBe(true);
        expect(new URL(state.frameUrl).searchParams.has("childId"), `${what}: no childId in the frame's URL`).toBe(false);
        expect(opened.documents.get(state.frameUrl), `${what}: its page loaded once`).toBe(1);
        ids.add(state.frameUrl);
        expect(Math.abs(state.iframeHeight - state.scrollHeight), `${what}: iframe ${state.iframeHeight}px vs scrollHeight ${state.scrollHeight}px`).toBeLessThanOrEqual(2);
        expect(Math.abs(state.iframeHeight - state.bodyHeight), `${what}: iframe ${state.iframeHeight}px vs content ${state.bodyHeight}px`).toBeLessThanOrEqual(2);
        if (EMBEDS[i]!.bad) {
          expect(state.message).toContain(BAD_COUNTRY_MESSAGE);
          expect(state.marks).toBe(0);
        } else {
          expect(state.marks, `${what}: marks`).toBeGreaterThan(0);
          expect(state.message).toBe("");
          // Taken over: the printed drawings replaced by one at the frame's width.
          expect(state.printed, `${what}: printed drawings left`).toBe(0);
          expect(state.svgWidth, `${what}: drawn at the frame's width`).toBe(state.holderWidth);
        }
      });
      expect(ids.size, "distinct frames").toBe(EMBEDS.length);
      // theme=dark: a dark page whatever the reader's setting (the context is light).
      expect(states[1]!.theme).toBe("dark");
      expect(lightness(states[1]!.background), `dark background ${states[1]!.background}`).toBeLessThan(0.25);
      expect(lightness(states[0]!.background), `light background ${states[0]!.background}`).toBeGreaterThan(0.9);
      // The chart fits the frame: no horizontal scrolling inside.
      for (const frame of opened.page.frames().slice(1)) {
        expect(await horizontalOverflow(frame), frame.url()).toBeLessThanOrEqual(1);
      }
      if (width > 320) {
        // Narrowed (a phone turned, a window resized): the charts redraw and the frames follow.
        await opened.page.setViewportSize({ width: 360, height: 900 });
        await expect
          .poll(async () => {
            const handle = (await opened.page.$("iframe[data-rednote-embed]")) as ElementHandle<HTMLIFrameElement>;
            const state = await frameState(handle);
            return state.iframeHeight !== states[0]!.iframeHeight && Math.abs(state.iframeHeight - state.bodyHeight) <= 2;
          }, { timeout: 15_000 })
          .toBe(true);
      }
      expect(opened.consoleErrors, "script errors in the page and its frames").toEqual([]);
      expect(opened.externalRequests, "requests to other hosts").toEqual([]);
      expect([...opened.origins].sort(), "origins requested").toEqual([article.url, site.url].sort());
    } finally {
      await opened.close();
    }
  });

  it("the exported module draws into the article's own element from the other origin", async () => {
    const opened = await openRecorded(browser, article.url, "/blank", 1024);
    try {
      // An ES module from another origin needs CORS; a host like GitHub Pages sends this header.
      await opened.context.route(`${site.url}/**`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), "access-control-allow-origin": "*" } });
      });
      await opened.page.goto(`${article.url}/module`, { waitUntil: "load" });
      const result = await opened.page.evaluate(() => (window as unknown as { result: Promise<Record<string, unknown>> }).result);
      expect(result).toMatchObject({ width: "500", error: BAD_COUNTRY_MESSAGE, png: `${site.url}/embed/story-chart.png` });
      expect(result.marks).toBeGreaterThan(0);
      expect(result.credit).toMatch(/^Chart: RedNote Tracker · Source: .+ · Data as of \w{3} \d{1,2}, \d{4}$/);
      expect(await opened.page.locator("#bad .rednote-message").innerText()).toContain(BAD_COUNTRY_MESSAGE);
      expect(opened.consoleErrors).toEqual([]);
      expect([...opened.origins].sort()).toEqual([article.url, site.url].sort());
    } finally {
      await opened.close();
    }
  });

  it.each(CHARTS.map((c) => c.id))("the %s embed page downloads its own chart's code and stylesheet only, no zod, and no image until printed", async (id) => {
    const opened = await openPage(browser, `${site.url}/embed/${id}`, { width: 640, waitUntil: "load" });
    try {
      const requested: string[] = [];
      opened.page.on("requestfinished", (request) => requested.push(new URL(request.url()).pathname));
      await opened.page.reload({ waitUntil: "networkidle" });
      await opened.page.waitForSelector(".rednote-chart svg, .rednote-message", { timeout: 20_000 });
      expect(requested.filter((path) => path.includes("zod"))).toEqual([]);
      // One bundle, this chart's (src/embed/bundle/[chart].js.ts), instead of Framework's modules.
      expect([...new Set(requested.filter((path) => path.startsWith("/embed/bundle/")))]).toEqual([`/embed/bundle/${id}.js`]);
      expect(requested.filter((path) => /^\/(_node|_npm|_import\/(embed|components))\/.*\.js$/.test(path))).toEqual([]);
      // Its own small stylesheet (src/embed/embed.css), not the site's.
      expect([...new Set(requested.filter((path) => path.endsWith(".css")))]).toEqual([expect.stringMatching(/^\/_import\/embed\/embed\.\w+\.css$/)]);
      // Nor Framework's client, which has nothing to do on a page without cells (scripts/html-fixes.ts).
      expect(requested.filter((path) => path.startsWith("/_observablehq/"))).toEqual([]);
      expect(requested.filter((path) => path.startsWith("/embed/") && /\.(svg|png)$/.test(path))).toEqual([]);
      expect(opened.consoleErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it("an embed page: credit line linking back on its own host, the static SVG in print, axe (light)", async () => {
    const opened = await openPage(browser, `${site.url}/embed/story-chart`, { width: 1024, waitUntil: "load" });
    try {
      const { page } = opened;
      await page.waitForSelector(".rednote-chart svg .mark", { timeout: 20_000 });
      const credit = page.locator(".rednote-credit");
      expect(await credit.innerText()).toMatch(/^Chart: RedNote Tracker · Source: news outlets and data firms, named on each mark · Data as of /);
      expect(await credit.locator("a").evaluate((a: HTMLAnchorElement) => a.href)).toBe(`${site.url}/`);
      expect(await page.title()).toBe(`${story.title} | RedNote Tracker`);
      expect(await axe(page)).toEqual([]);
      await page.emulateMedia({ media: "print" });
      const printed = page.locator("img.rednote-print");
      await expect.poll(() => printed.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await printed.isVisible()).toBe(true);
      expect(await page.locator(".rednote-chart").isVisible()).toBe(false);
      expect(await printed.getAttribute("src")).toBe(`${site.url}/embed/story-chart.svg`);
      expect(opened.consoleErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it("an embed page with a bad parameter, forced dark over a light system: the message, axe", async () => {
    const opened = await openPage(browser, `${site.url}/embed/story-chart?country=zz&theme=dark`, { width: 320, waitUntil: "load" });
    try {
      const { page } = opened;
      const message = await page.waitForSelector("[role=alert]", { timeout: 20_000 });
      expect(await message.innerText()).toContain(BAD_COUNTRY_MESSAGE);
      expect(await page.locator(".rednote-chart").count()).toBe(0);
      expect(await axe(page)).toEqual([]);
      expect(opened.consoleErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

/** The printed drawing chart.css shows in a box this wide: the widest band drawn no wider. */
/** The widths a chart's page prints it at: one per band, or the narrowest alone (`printBands`). */
const printedWidths = (id: string) => (chart(id).printBands === "narrowest" ? CHART_BANDS.slice(0, 1) : CHART_BANDS).map((band) => band.width);
const bandShownAt = (id: string, width: number) => Math.max(...printedWidths(id).filter((w) => w <= width || printedWidths(id).length === 1));

describe("embed pages as built, before any script", () => {
  const parse = async (file: string, type: "text/html" | "image/svg+xml") =>
    new DOMParser().parseFromString(await readFile(join(inject("siteDir"), "embed", file), "utf8"), type) as unknown as Document;

  it.each(CHARTS.map((c) => c.id))("dist/embed/%s.html holds the chart: an inline SVG per width band (or one, for a large drawing) with the static image's marks, the title, the credit line", async (id) => {
    const document = await parse(`${id}.html`, "text/html");
    const drawings = [...document.querySelectorAll("#rednote-embed .rednote-figure .rednote-chart > .chart-variant > svg")];
    expect(drawings.map((svg) => Number(svg.getAttribute("width")))).toEqual(printedWidths(id));
    // As many marks as the static image drawn from the same data (none only while a chart's data is empty).
    const marks = (await parse(`${id}.svg`, "image/svg+xml")).querySelectorAll(".mark").length;
    for (const svg of drawings) expect(svg.querySelectorAll(".mark").length, `${id} at ${svg.getAttribute("width")} px`).toBe(marks);
    if (id === story.id) expect(marks, "the story's reported marks").toBeGreaterThan(0);
    expect(document.querySelector("title")?.textContent).toBe(`${chart(id).title} | RedNote Tracker`);
    expect(document.getElementById("rednote-embed-title")?.textContent).toBe(`${chart(id).title} (a chart from RedNote Tracker)`);
    // The chart and its credit line, nothing standing in for them until a script runs.
    expect([...document.getElementById("rednote-embed")!.children].map((e) => e.className)).toEqual(["rednote-figure", "rednote-credit"]);
    expect(document.querySelector("#rednote-embed .rednote-credit")?.textContent).toMatch(/^Chart: RedNote Tracker · Source: .+ · (Data as of \w{3} \d{1,2}, \d{4}|No data stored yet)$/);
  });
});

describeBrowser("embed pages with JavaScript off", () => {
  let browser: Browser;
  let site: StaticServer;
  beforeAll(async () => {
    [browser, site] = await Promise.all([launchBrowser(), serveStatic(inject("siteDir"))]);
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), site?.close()]);
  });

  it.each([390, 1280])("at %i px: each embed page shows its chart, drawn for the frame's band, with its title, marks and credit line", async (width) => {
    for (const { id, title } of CHARTS) {
      const opened = await openPage(browser, `${site.url}/embed/${id}`, { width, waitUntil: "load", javaScriptEnabled: false });
      try {
        const { page } = opened;
        const shown = page.locator(".rednote-chart svg:visible");
        expect(await shown.count(), `${id}: one drawing shown`).toBe(1);
        const box = await page.locator(".rednote-chart").evaluate((holder) => holder.clientWidth);
        expect(Number(await shown.getAttribute("width")), `${id} in a ${box} px frame`).toBe(bandShownAt(id, box));
        expect((await shown.locator(".chart-title").allTextContents()).join(" ").trim(), `${id}: the drawn title`).not.toBe("");
        expect(await page.title()).toBe(`${title} | RedNote Tracker`);
        const marks = await page.locator(".rednote-chart svg:visible .mark").count();
        if (id === story.id) expect(marks, "the story's marks").toBeGreaterThan(0);
        expect(await page.locator(".rednote-credit").isVisible()).toBe(true);
        expect(await horizontalOverflow(page), `${id}: wider than the frame`).toBeLessThanOrEqual(1);
        if (id === story.id) await page.screenshot({ path: join(SCREENSHOTS, `embed-noscript-${width}.png`), fullPage: true });
        expect(opened.externalRequests).toEqual([]);
      } finally {
        await opened.close();
      }
    }
  });
});

describeBrowser("the Embed page", () => {
  let browser: Browser;
  let site: StaticServer;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchBrowser(), serveStatic(inject("siteDir"))]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), site?.close()]);
  });

  it("at 1024 px: every chart with a sized preview, its snippet, a working Copy button, image links; axe", async () => {
    const width = 1024;
    const opened = await openPage(browser, `${site.url}/embed`, { width, waitUntil: "load" });
    try {
      const { page } = opened;
      await page.waitForSelector("section.embed-chart", { timeout: 20_000 });
      expect(await page.locator("section.embed-chart").evaluateAll((s) => s.map((e) => (e as HTMLElement).dataset.chart))).toEqual(CHARTS.map((c) => c.id));
      for (const chart of CHARTS) {
        const section = page.locator(`section[data-chart="${chart.id}"]`);
        expect(await section.locator("h2").innerText()).toBe(chart.title);
        // Printed with a placeholder address; the page's script puts in the one the reader is on.
        await expect.poll(() => section.locator("textarea").first().inputValue(), { timeout: 10_000 }).toBe(embedSnippet(chart, `${site.url}/`));
        // The preview is the snippet's iframe, made as it nears the screen and sized by the loader.
        await section.scrollIntoViewIfNeeded();
        const handle = (await section.locator("iframe[data-rednote-embed]").elementHandle({ timeout: 10_000 })) as ElementHandle<HTMLIFrameElement>;
        await expect
          .poll(async () => {
            const state = await frameState(handle);
            return state.sized && state.hasChart && Math.abs(state.iframeHeight - state.bodyHeight) <= 2;
          }, { timeout: 30_000 })
          .toBe(true);
        for (const link of ["SVG", "PNG", "Data (JSON)", "Embed page"]) {
          const href = await section.getByRole("link", { name: link, exact: true }).getAttribute("href");
          const response = await page.request.get(href!);
          expect(response.status(), `${link}: ${href}`).toBe(200);
        }
        await section.getByRole("button", { name: "Copy" }).first().click();
        await expect.poll(() => section.locator(".embed-copy-status").first().innerText(), { timeout: 10_000 }).toMatch(/^(Copied\.|Selected: press Ctrl\+C)/);
      }
      await page.screenshot({ path: join(SCREENSHOTS, `embed-page-${width}.png`), fullPage: true });
      expect(await axe(page, { ignore: FRAMEWORK_CHROME })).toEqual([]);
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.externalRequests).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it("at 320 px, dark: axe, and nothing wider than the screen", async () => {
    const opened = await openPage(browser, `${site.url}/embed`, { width: 320, colorScheme: "dark", waitUntil: "load" });
    try {
      const { page } = opened;
      await page.waitForSelector("section.embed-chart textarea", { timeout: 20_000 });
      await page.screenshot({ path: join(SCREENSHOTS, "embed-page-320.png"), fullPage: true });
      expect(await axe(page, { ignore: FRAMEWORK_CHROME })).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(1);
      expect(opened.consoleErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
