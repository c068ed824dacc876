/**
 * Wikipedia page views: the derive (revised days resolved to the latest fetch, busiest day, 2024
 * baseline, weekly thinning of long series, events inside the period) and the chart (one line per
 * article on a shared log scale, event marks linked to their sources, an empty state that says
 * what to run). Fixtures are built here, never read from data/.
 */
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { eventRow, pageviewRow, type EventRow, type PageviewRow } from "../../loaders/schema.ts";
import { latestPageviews } from "../../loaders/sources/wikipedia-pageviews.ts";
import type { PageviewsData } from "../../src/components/attention-types.ts";
import { attentionSentences, describePageviews, emptyText, pageviewsChart, peakRatio } from "../../src/components/pageviews-chart.ts";
import { BASELINE_MIN_DAYS, derivePageviews, MAX_DAILY_POINTS, resolveRevisions } from "../../src/data/derive/pageviews.ts";

const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

function view(overrides: Partial<PageviewRow>): PageviewRow {
  return pageviewRow.parse({ project: "en.wikipedia", article: "Xiaohongshu", date: "2025-01-14", views: 100, retrieved_at: "2025-02-01T00:00:00.000Z", ...overrides });
}

/** `days` consecutive days from `start`, `base` views a day, with `peak` views on `peakDay`. */
function series(article: string, start: string, days: number, base: number, peakDay?: string, peak?: number): PageviewRow[] {
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(start, i);
    return view({ article, date, views: date === peakDay ? peak! : base + (i % 7) });
  });
}

function event(overrides: Partial<EventRow>): EventRow {
  return eventRow.parse({ id: "E022", date: "2025-01-17", date_precision: "day", category: "court", title: "Supreme Court upholds the law", publisher: "CBS News", url: "https://example.com/scotus", ...overrides });
}

const EVENTS = [
  event({}),
  event({ id: "E023", date: "2025-01-18", category: "tiktok", title: "TikTok goes dark", publisher: "Reuters", url: "https://example.com/dark" }),
  event({ id: "E099", date: "2023-06-01", title: "Before the period" }),
];

const draw = (data: PageviewsData, width: number) => {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  return pageviewsChart(data, { width, document: document as unknown as Document });
};

const derive = (rows: PageviewRow[], events: EventRow[] = EVENTS) =>
  derivePageviews({ pageviews: rows, events, asOf: "2025-03-01T00:00:00.000Z", backfillStart: "2024-01-01", resolve: latestPageviews });

describe("page views derive", () => {
  it("resolves a revised day to its latest fetch, as the source module does", () => {
    const rows = [
      view({ date: "2025-01-14", views: 100, retrieved_at: "2025-01-15T00:00:00.000Z" }),
      view({ date: "2025-01-14", views: 140, retrieved_at: "2025-01-16T00:00:00.000Z" }),
      view({ date: "2025-01-13", views: 90 }),
    ];
    expect(resolveRevisions(rows)).toEqual(latestPageviews(rows));
    const d = derive(rows);
    expect(d.series).toHaveLength(1);
    expect(d.series[0]).toMatchObject({ start: "2025-01-13", step: "day", values: [90, 140], peak: { date: "2025-01-14", views: 140 }, baseline: null });
    expect(d.series[0]!.url).toMatch(/^https:\/\/pageviews\.wmcloud\.org\/\?/);
  });

  it("keeps gaps as null, a 2024 median as baseline once enough of 2024 is stored, and only the events inside the period", () => {
    const rows = [...series("TikTok", "2024-01-01", 366, 1000), ...series("TikTok", "2025-01-10", 10, 1000, "2025-01-14", 50_000)];
    const d = derive(rows);
    const s = d.series[0]!;
    expect(s.values.slice(366, 375).every((v) => v === null)).toBe(true); // 2025-01-01 … 2025-01-09 missing
    expect(s.baseline).toBe(1003);
    expect(s.peak).toEqual({ date: "2025-01-14", views: 50_000 });
    expect(d.events.map((e) => e.id)).toEqual(["E022", "E023"]);
    expect(d.events.find((e) => e.id === "E022")?.label).toBe("Supreme Court upholds");
    const short = derive(series("TikTok", "2024-12-01", BASELINE_MIN_DAYS - 1 + 31, 10));
    expect(short.series[0]!.baseline).toBeNull(); // only 31 days of 2024
  });

  it("thins a long series to weekly means starting on a Monday, keeping the daily peak", () => {
    const rows = series("TikTok", "2024-01-03", MAX_DAILY_POINTS + 20, 700, "2025-01-14", 90_000);
    const s = derive(rows).series[0]!;
    expect(s.step).toBe("week");
    expect(s.start).toBe("2024-01-01"); // the Monday before Wednesday Jan 3
    expect(new Date(`${s.start}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(s.values.length).toBeLessThan((MAX_DAILY_POINTS + 20) / 6);
    expect(s.peak).toEqual({ date: "2025-01-14", views: 90_000 });
    expect(Math.max(...s.values.map((v) => v ?? 0))).toBeLessThan(90_000);
  });

  it("orders articles busiest first and names them with their wiki", () => {
    const d = derive([...series("Lemon8", "2025-01-10", 5, 50), ...series("小红书", "2025-01-10", 5, 500).map((r) => ({ ...r, project: "zh.wikipedia" }))]);
    expect(d.series.map((s) => s.label)).toEqual(["小红书, Chinese Wikipedia", "Lemon8, English Wikipedia"]);
  });
});

describe("page views chart", () => {
  const full = derive([
    ...series("Xiaohongshu", "2024-01-01", 420, 800, "2025-01-14", 96_000),
    ...series("TikTok", "2024-01-01", 420, 20_000, "2025-01-15", 90_000),
  ]);

  it("says what to run when nothing is stored, and shows no peak text", () => {
    const empty = derive([]);
    expect(empty).toEqual({ asOf: "2025-03-01T00:00:00.000Z", backfillStart: "2024-01-01", series: [], events: [] });
    expect(attentionSentences(empty)).toEqual([]);
    for (const width of [320, 1280]) {
      const svg = draw(empty, width);
      expect(svg.querySelectorAll(".mark")).toHaveLength(0);
      const text = [...svg.querySelectorAll("text")].map((t) => t.textContent).join(" ");
      expect(text).toContain("No page views stored yet.");
      expect(text).toMatch(/npm run refresh --\s+--source wikipedia-pageviews/);
      expect(text).toContain("2024-01-01");
    }
    expect(emptyText(empty)).toBe("No page views stored yet: the first npm run refresh -- --source wikipedia-pageviews back-fills daily views from 2024-01-01.");
    expect(draw(empty, 600).querySelector("desc")?.textContent).toBe(emptyText(empty));
  });

  it("draws a line and a peak per article and a marker per event, each linked to an http(s) source", () => {
    for (const width of [320, 768, 1280]) {
      const svg = draw(full, width);
      expect(svg.querySelectorAll(".pageviews-line")).toHaveLength(2);
      expect(svg.querySelectorAll(".mark.peak")).toHaveLength(2);
      expect(svg.querySelectorAll(".event-mark")).toHaveLength(full.events.length);
      for (const mark of svg.querySelectorAll(".mark")) {
        const link = mark.closest("a.source-link");
        expect(link?.getAttribute("href")).toMatch(/^https?:\/\//);
        expect(link?.querySelector("title")?.textContent).toMatch(/Source: /);
      }
      expect(svg.getAttribute("width")).toBe(String(width));
    }
    const wide = draw(full, 1280);
    expect([...wide.querySelectorAll(".events text")].map((t) => t.textContent)).toEqual(["Supreme Court upholds", "TikTok goes dark"]);
  });

  it("shares one log scale: ticks are powers of ten, evenly spaced, the same in every panel", () => {
    const svg = draw(full, 768);
    const panels = [...svg.querySelectorAll(".panel")];
    const labels = panels.map((p) => [...p.querySelectorAll(".y-axis .tick")].map((t) => t.textContent));
    expect(labels[0]).toEqual(["100", "1k", "10k", "100k"]);
    expect(labels[1]).toEqual(labels[0]);
    const ys = [...panels[0]!.querySelectorAll(".y-axis .tick")].map((t) => Number(/translate\(0,([-\d.]+)\)/.exec(t.getAttribute("transform") ?? "")![1]));
    expect(ys[0]! - ys[1]!).toBeCloseTo(ys[1]! - ys[2]!, 6);
    expect(ys[1]! - ys[2]!).toBeCloseTo(ys[2]! - ys[3]!, 6);
  });

  it("states each peak against the 2024 baseline, in the chart's description too", () => {
    const xhs = full.series.find((s) => s.article === "Xiaohongshu")!;
    expect(xhs.baseline).toBe(803);
    expect(peakRatio(xhs)).toBe(120);
    const sentences = attentionSentences(full);
    expect(sentences).toContain("Xiaohongshu, English Wikipedia: busiest day Jan 14, 2025, with 96,000 views, 120 times its 2024 median of 803 a day.");
    expect(describePageviews(full)).toContain(sentences[0]);
    expect(draw(full, 768).querySelector("desc")?.textContent).toBe(describePageviews(full));
  });

  it("keeps hostile strings as text and links nothing that is not http(s)", () => {
    const hostile: PageviewsData = {
      ...full,
      series: full.series.map((s) => ({ ...s, label: "<script>alert(1)</script>", url: "javascript:alert(1)" })),
      events: full.events.map((e) => ({ ...e, title: "<img src=x onerror=alert(1)>", url: "data:text/html,x" })),
    };
    const svg = draw(hostile, 768);
    expect(svg.querySelectorAll("a")).toHaveLength(0);
    expect(svg.querySelectorAll("script, img")).toHaveLength(0);
    expect(svg.textContent).toContain("<script>alert(1)</script>");
    expect(svg.querySelector("title")?.parentNode).toBe(svg);
    expect([...svg.querySelectorAll("g > title")].map((t) => t.textContent).join(" ")).toContain("<img src=x onerror=alert(1)>");
  });
});
