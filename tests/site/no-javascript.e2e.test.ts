/**
 * Every page as a reader with JavaScript off sees it, and as the raw HTML a link preview or a
 * search engine reads: the story's text, the charts with their marks, the source links, and no
 * placeholder, loading spinner or unfilled `${…}`. The charts and sourced numbers are printed at
 * build time (src/pages/), so none of this waits for a script.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, inject, it } from "vitest";
import { describeBrowser, openPage } from "../helpers/browser.ts";
import { useSite } from "../helpers/site-session.ts";

const PAGES = [
  { path: "/", file: "index.html", heading: "When TikTok users moved to RedNote", charts: 1 },
  { path: "/rankings", file: "rankings.html", heading: "Rankings", charts: 2 },
  { path: "/attention", file: "attention.html", heading: "Hashtags and attention", charts: 2 },
  { path: "/timeline", file: "timeline.html", heading: "Timeline", charts: 0 },
  { path: "/data", file: "data.html", heading: "Data", charts: 0 },
  { path: "/methodology", file: "methodology.html", heading: "Methodology", charts: 0 },
  { path: "/embed", file: "embed.html", heading: "Embed a chart", charts: 0 },
  { path: "/apps", file: "apps.html", heading: "Any app in the charts", charts: 0 },
] as const;

/** What a chart is drawn with: its dots, lines, areas and rules. */
const GRAPHICS = /<(?:circle|path|line|rect|polygon|polyline)\b/g;

describeBrowser("every page with JavaScript off", () => {
  const site = useSite();

  it.each(PAGES)("$path: text, charts with marks, source links, no placeholder", async ({ path, heading, charts }) => {
    const opened = await openPage(site.browser, `${site.url}${path}`, { width: 390, javaScriptEnabled: false });
    try {
      const { page } = opened;
      expect((await page.locator("main h1").first().innerText()).trim()).toBe(heading);
      const seen = await page.evaluate(() => ({
        text: document.querySelector("main")!.innerText,
        loading: document.querySelectorAll("observablehq-loading").length,
        charts: [...document.querySelectorAll("figure.chart svg")]
          .filter((svg) => svg.getBoundingClientRect().height > 0)
          .map((svg) => ({ marks: svg.querySelectorAll(".mark").length, text: svg.textContent ?? "" })),
        sources: [...document.querySelectorAll("main a[href^='http']")].filter((a) => a.getBoundingClientRect().width > 0 || a.closest("details")).length,
      }));
      expect(seen.loading, "loading placeholders").toBe(0);
      expect(seen.text).not.toMatch(/\$\{|Loading|\(source missing\)|undefined|NaN/);
      expect(seen.charts.length, "charts shown").toBe(charts);
      // A chart with too little data says so instead of drawing marks (page views, before the first refresh).
      for (const chart of seen.charts) if (chart.marks === 0) expect(chart.text, "an empty chart says why").toMatch(/No .*(stored|yet)/);
      if (charts > 0) expect(Math.max(...seen.charts.map((c) => c.marks)), "marks in the page's charts").toBeGreaterThan(0);
      // The embed page links charts, /apps the apps it finds: neither cites a source itself.
      if (path !== "/embed" && path !== "/apps") expect(seen.sources, "links to sources").toBeGreaterThan(0);
    } finally {
      await opened.close();
    }
  });

  it("the raw HTML of the chart pages holds inline SVG of 50 marks and more, and the story links its reported sources", () => {
    const dir = inject("siteDir");
    for (const file of ["index.html", "rankings.html", "attention.html"]) {
      const html = readFileSync(join(dir, file), "utf8");
      const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
      expect(Math.max(0, ...svgs.map((svg) => svg.match(GRAPHICS)?.length ?? 0)), `${file}: drawn elements in its largest inline <svg>`).toBeGreaterThanOrEqual(50);
    }
    const story = JSON.parse(readFileSync(join(dir, "data", "story.json"), "utf8").toString()) as { ranks: { url: string }[]; views: { url: string }[] };
    const index = readFileSync(join(dir, "index.html"), "utf8");
    const linked = new Set([...story.ranks, ...story.views].map((r) => r.url).filter((url) => index.includes(`href="${new URL(url).href}"`)));
    expect(linked.size, "reported rows' source URLs linked from index.html").toBeGreaterThanOrEqual(5);
  });

  it.each(PAGES)("$path: a link preview gets a title and a description", ({ file }) => {
    const html = readFileSync(join(inject("siteDir"), file), "utf8");
    expect(html).toMatch(/<meta name="description" content="[^"]{40,}">/);
    expect(html).toMatch(/<meta property="og:title" content="[^"]+">/);
    expect(html).toMatch(/<meta property="og:description" content="[^"]{40,}">/);
  });
});
