/**
 * Embeds, in Node: the chart list, the query parameters (the same patterns as the data
 * contract), the pym messages, the snippet, the config's dynamic paths and og:image tags, and the
 * static SVG/PNG drawn by the same chart functions.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DOMParser } from "linkedom";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT, resolveDataDir } from "../../loaders/config.ts";
import { appMetricRow } from "../../loaders/schema.ts";
import { readAll } from "../../loaders/store/read.ts";
import { deriveStory } from "../../src/data/derive/story.ts";
import type { StoryData } from "../../src/components/story-types.ts";
import { CHARTS, chartById } from "../../src/embed/charts.ts";
import { rankingsForApp, storyForQuery } from "../../src/embed/narrow.ts";
import type { RankingsData } from "../../src/components/rank-types.ts";
import { embedDynamicPaths, siteRootFromEnv, socialImageHead } from "../../src/embed/config.ts";
import { APP_PATTERN, COUNTRY_PATTERN, parseEmbedQuery } from "../../src/embed/params.ts";
import { checkQueryForChart } from "../../src/embed/query.ts";
import { childIdFrom, parsePymMessage, pymMessage } from "../../src/embed/pym.ts";
import { embedSnippet, embedUrls, moduleSnippet } from "../../src/embed/snippet.ts";
import { PNG_SCALE, renderPng, renderStaticSvg, STATIC_WIDTH } from "../../scripts/embed-images.ts";

async function committedStory(): Promise<StoryData> {
  const dataDir = resolveDataDir();
  return deriveStory({
    reported: await readAll(dataDir, "reported"),
    events: await readAll(dataDir, "events"),
    apps: await readAll(dataDir, "tracked_apps"),
    asOf: "2026-11-25T00:00:00.000Z",
  });
}

const story = chartById("story-chart")!;

describe("the chart list", () => {
  it("has each chart in its own module, src/embed/charts/<id>.ts, which embed pages import alone", async () => {
    for (const chart of CHARTS) {
      const module = (await import(`../../src/embed/charts/${chart.id}.ts`)) as { chart: unknown };
      expect(module.chart, chart.id).toBe(chart);
    }
  });

  it("has unique URL-safe ids, and every chart's data loader and page exist", () => {
    const ids = CHARTS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const chart of CHARTS) {
      expect(chart.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(chart.id, "would shadow the loader or the Embed page").not.toMatch(/^(loader|embed)$/);
      expect(chart.data).toMatch(/^\/.+\.json$/);
      const loaders = [".ts", ".js"].map((ext) => join(PROJECT_ROOT, "src", `${chart.data}${ext}`));
      expect(loaders.some(existsSync), `a data loader for ${chart.data}`).toBe(true);
      const page = chart.page.replace(/[#?].*$/, "");
      const source = join(PROJECT_ROOT, "src", page === "/" ? "index.md" : `${page}.md`);
      expect(existsSync(source) || existsSync(`${source}.ts`), `the page ${page}`).toBe(true);
    }
  });
});

describe("query parameters", () => {
  it("accepts the documented ones, normalised, and ignores pym's and anyone else's", () => {
    expect(parseEmbedQuery("?app=Lemon8&country=US&from=2025-01-10&to=2025-01-31&theme=dark&childId=x&utm_source=y")).toEqual({
      ok: true,
      query: { app: "lemon8", country: "us", from: "2025-01-10", to: "2025-01-31", theme: "dark" },
    });
    expect(parseEmbedQuery("")).toEqual({ ok: true, query: {} });
    expect(parseEmbedQuery({ app: "tiktok", width: 300 })).toEqual({ ok: true, query: { app: "tiktok" } });
  });

  it("compares from and to only when both are real days, and reports every problem", () => {
    expect(parseEmbedQuery("?from=bad&to=2025-01-01")).toEqual({ ok: false, errors: ['"from" must be a date like 2025-01-13, not "bad".'] });
    expect(parseEmbedQuery("?app=Lemon 8!&from=2025-02-01&to=2025-01-01&theme=blue")).toEqual({
      ok: false,
      errors: ['Unknown app "lemon 8!". Use an app key such as xiaohongshu.', 'Unknown theme "blue". Use light or dark.', '"from" (2025-02-01) is after "to" (2025-01-01).'],
    });
    expect(parseEmbedQuery("?from=2025-01-13&to=2025-01-13")).toEqual({ ok: true, query: { from: "2025-01-13", to: "2025-01-13" } });
    expect(parseEmbedQuery(new URLSearchParams("app=%20RedNote%20&country="))).toEqual({ ok: true, query: { app: "rednote" } });
  });

  it.each([
    ["?country=usa", 'Unknown country "usa". Use a two-letter code such as us.'],
    ["?theme=blue", 'Unknown theme "blue". Use light or dark.'],
    ["?from=13/01/2025", '"from" must be a date like 2025-01-13, not "13/01/2025".'],
    ["?to=2025-02-30", '"to" is not a real date: "2025-02-30".'],
    ["?from=2025-02-01&to=2025-01-01", '"from" (2025-02-01) is after "to" (2025-01-01).'],
    ["?app=Lemon 8!", 'Unknown app "lemon 8!". Use an app key such as xiaohongshu.'],
  ])("%s is refused: %s", (search, message) => {
    expect(parseEmbedQuery(search)).toEqual({ ok: false, errors: [message] });
  });

  it("then checks what the chart's data has", async () => {
    const data = await committedStory();
    const check = (search: string) => {
      const parsed = parseEmbedQuery(search);
      if (!parsed.ok) throw new Error(parsed.errors.join());
      return checkQueryForChart(story, data, parsed.query);
    };
    expect(check("?country=us&app=lemon8")).toEqual([]);
    expect(check("?country=zz")).toEqual(['Unknown country "zz". Use a two-letter code such as us.']);
    expect(check("?country=gb")).toEqual(['No data for country "gb" in this chart. Use a two-letter code such as us.']);
    expect(check("?app=snapchat")).toEqual([`Unknown app "snapchat". Use one of: ${data.apps.map((a) => a.key).join(", ")}.`]);
    expect(checkQueryForChart({ ...story, options: ["from", "to"] }, data, { country: "us" })).toEqual([
      'This chart has no "country" option; it takes from, to.',
    ]);
  });

  it("uses the data contract's patterns for app keys and countries", () => {
    const samples = ["us", "gb", "usa", "u", "US", "xiaohongshu", "lemon8", "red-note", "red_note", "-x", "x-", "a b", "", "12"];
    for (const value of samples) {
      expect(COUNTRY_PATTERN.test(value), `country ${JSON.stringify(value)}`).toBe(appMetricRow.shape.country.safeParse(value).success);
      expect(APP_PATTERN.test(value), `app ${JSON.stringify(value)}`).toBe(appMetricRow.shape.app_key.safeParse(value).success);
    }
  });

  it("narrows the story to an app and a window", async () => {
    const data = await committedStory();
    const narrowed = storyForQuery(data, { app: "lemon8", from: "2025-01-13", to: "2025-01-20" });
    // RedNote stays for its views panel.
    expect(narrowed.apps.map((a) => a.key).sort()).toEqual(["lemon8", "xiaohongshu"]);
    expect(narrowed.ranks.length).toBeGreaterThan(0);
    expect(narrowed.ranks.every((r) => r.app === "lemon8" && r.date <= "2025-01-20" && (r.dateEnd ?? r.date) >= "2025-01-13")).toBe(true);
    expect(narrowed.window).toEqual({ start: "2025-01-13", end: "2025-01-20" });
  });
});

describe("rankings for one app", () => {
  it("keep that app's measured and reported ranks and absences", () => {
    const base = { id: "O1", date: "2025-01-14", precision: "day", publisher: "P", url: "https://example.org/", value: 1, qualifier: "exact", store: "app-store", country: "us", chart: "top-free" } as const;
    const data: RankingsData = {
      asOf: null,
      measuredAsOf: null,
      apps: [
        { key: "xiaohongshu", name: "RedNote", color: "#ff2442", role: "focus" },
        { key: "lemon8", name: "Lemon8", color: "#808000", role: "focus" },
      ],
      countries: ["us"],
      measured: [{ store: "app-store", country: "us", chart: "top-free", days: ["2025-01-14"], sizes: [100], ranks: { xiaohongshu: [1], lemon8: [2] }, sourceTitle: "Apple" }],
      reported: [{ ...base, app: "xiaohongshu" }, { ...base, id: "O2", app: "lemon8", value: 2 }],
      absences: [],
    };
    const one = rankingsForApp(data, "lemon8");
    expect(one.apps.map((a) => a.key)).toEqual(["lemon8"]);
    expect(one.measured[0]!.ranks).toEqual({ lemon8: [2] });
    expect(one.reported.map((r) => r.id)).toEqual(["O2"]);
    expect(rankingsForApp(data, undefined)).toBe(data);
  });
});

describe("pym.js messages", () => {
  it("are pym v1 strings", () => {
    expect(pymMessage("rednote-embed-1", "height", "812")).toBe("pymxPYMxrednote-embed-1xPYMxheightxPYMx812");
    expect(parsePymMessage("pymxPYMxabcxPYMxwidthxPYMx640")).toEqual({ childId: "abc", type: "width", value: "640" });
    for (const other of [{ type: "height" }, "hello", "pymxPYMxabcxPYMxheight", "xxxPYMxaxPYMxbxPYMxc"]) expect(parsePymMessage(other)).toBeNull();
    expect(childIdFrom("?initialWidth=640&childId=rednote-embed-2")).toBe("rednote-embed-2");
    expect(childIdFrom("?childId=%3Cscript%3E")).toBeNull();
    expect(childIdFrom("")).toBeNull();
  });
});

describe("snippets and paths", () => {
  it("embed by absolute URLs on the given host, with a PNG for readers without scripts", () => {
    const html = embedSnippet(story, "https://example.org/tracker", { theme: "dark", app: "" });
    expect(html).toContain('<iframe src="https://example.org/tracker/embed/story-chart?theme=dark"');
    expect(html).toContain("data-rednote-embed");
    expect(html).toContain(`title="${story.title} (interactive chart, RedNote Tracker)"`);
    expect(html).toMatch(/<noscript>.*<a href="https:\/\/example.org\/tracker\/"><img src="https:\/\/example.org\/tracker\/embed\/story-chart.png" alt="[^"]+"/);
    expect(html).toContain('<script src="https://example.org/tracker/embed-loader.js" async></script>');
    const hostile = embedSnippet({ ...story, title: `"><script>alert(1)</script>` }, "https://example.org/");
    expect(hostile).not.toContain("<script>alert");
    expect(moduleSnippet(story, "https://example.org/")).toContain('import {draw} from "https://example.org/embed/story-chart.js";');
    expect(embedUrls(story, "http://127.0.0.1:8080/")).toMatchObject({ page: "http://127.0.0.1:8080/", svg: "http://127.0.0.1:8080/embed/story-chart.svg" });
  });

  it("has Framework build every embed page, module, data file and the loader", () => {
    const paths = embedDynamicPaths();
    for (const chart of CHARTS) expect(paths).toEqual(expect.arrayContaining([chart.data, `/embed/${chart.id}`, `/embed/${chart.id}.js`]));
    expect(paths).toContain("/embed-loader.js");
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("gives og:image only with TRACKER_SITE_URL, on the chart's page and its embed page", () => {
    expect(siteRootFromEnv(undefined)).toBeNull();
    expect(siteRootFromEnv("ftp://example.org")).toBeNull();
    const root = siteRootFromEnv("https://example.org/tracker");
    expect(root?.href).toBe("https://example.org/tracker/");
    expect(socialImageHead("/", null)).toBe("");
    expect(socialImageHead("/", root)).toContain('<meta property="og:image" content="https://example.org/tracker/embed/story-chart.png">');
    expect(socialImageHead("/embed/story-chart", root)).toContain("embed/story-chart.png");
    expect(socialImageHead("/methodology", root)).toBe("");
  });
});

describe("static images", () => {
  it("are drawn by the chart function: XML with the same marks, a PNG at 2x", async () => {
    const data = await committedStory();
    const image = renderStaticSvg(story, data);
    expect(image.width).toBe(STATIC_WIDTH);
    const parsed = new DOMParser().parseFromString(image.svg, "image/svg+xml");
    const svg = parsed.querySelector("svg")!;
    expect(svg.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    expect(Number(svg.getAttribute("height"))).toBe(image.height);
    expect(parsed.querySelectorAll(".mark").length).toBe(image.marks);
    expect(image.marks).toBe(data.ranks.length + data.views.length + data.events.length);
    expect(image.svg).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i);
    expect(image.svg).toContain("Chart: RedNote Tracker · Source:");
    const png = renderPng(image.svg);
    expect([png.width, png.height]).toEqual([image.width * PNG_SCALE, image.height * PNG_SCALE]);
  });
});
