/**
 * Hashtag counts: the derive (reported and measured apart, one series per metric) and the chart
 * (small multiples on log scales, every mark a link to an http(s) source, honest empty states,
 * hostile strings kept as text). Fixtures are built here; nothing is read from data/ except in
 * the last test, which checks the committed reported numbers draw.
 */
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { resolveDataDir } from "../../loaders/config.ts";
import { hashtagCountRow, reportedObservationRow, type HashtagCountRow, type ReportedObservationRow } from "../../loaders/schema.ts";
import { readAll } from "../../loaders/store/read.ts";
import type { HashtagData } from "../../src/components/attention-types.ts";
import { describeHashtags, hashtagChart, NO_MEASURED_TEXT, shortValue } from "../../src/components/hashtag-chart.ts";
import { deriveHashtags, measuredHashtagSeries, reportedHashtagSeries, TIKTOK_RESEARCH_DOCS } from "../../src/data/derive/hashtags.ts";

let nextId = 100;
function reported(overrides: Partial<ReportedObservationRow>): ReportedObservationRow {
  return reportedObservationRow.parse({
    id: `O${nextId++}`,
    date: "2025-01-14",
    date_precision: "day",
    platform: "xiaohongshu",
    subject: "#tiktokrefugee",
    metric: "views",
    value: 25_000_000,
    qualifier: "exact",
    publisher: "Example News",
    url: "https://example.com/story",
    ...overrides,
  });
}

function measured(overrides: Partial<HashtagCountRow>): HashtagCountRow {
  return hashtagCountRow.parse({
    platform: "tiktok",
    hashtag: "tiktokrefugee",
    date: "2025-01-14",
    videos: 100,
    views: 10_000,
    query: "hashtag_name IN [tiktokrefugee]",
    retrieved_at: "2025-02-01T00:00:00.000Z",
    ...overrides,
  });
}

const FIXTURE: ReportedObservationRow[] = [
  reported({ metric: "views", value: 25_000_000, qualifier: "at-least", publisher: "Bloomberg", note: "Credited elsewhere to #EscapeTikTok." }),
  reported({ metric: "views", value: 60_000_000, qualifier: "about", date_precision: "weekday-inferred" }),
  reported({ metric: "views", date: "2025-01-15", value: 290_000_000, qualifier: "at-least" }),
  reported({ metric: "views", date: "2025-01-15", value: 3_900_000_000, caveat: "outlier", publisher: "Fan blog" }),
  reported({ metric: "views", date: "2025-01-20", value: 2_300_000_000 }),
  reported({ metric: "posts", date: "2025-01-13", value: 63_000, qualifier: "at-least", caveat: "weak", date_precision: "week" }),
  reported({ metric: "posts", value: 109_000, qualifier: "at-least" }),
  reported({ metric: "posts", subject: "#TikTokRefugee", value: 160_000, qualifier: "at-least" }),
  reported({ metric: "comments", value: 1_700_000, qualifier: "at-least" }),
  reported({ metric: "notes", date: "2025-01-20", value: 32_600_000, caveat: "outlier" }),
  // Not hashtags: never drawn here.
  reported({ subject: "xiaohongshu", platform: "app-store", country: "us", metric: "rank-top-free", value: 1 }),
];

const draw = (data: HashtagData, width: number) => {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  return hashtagChart(data, { width, document: document as unknown as Document });
};

const data = (overrides: Partial<Parameters<typeof deriveHashtags>[0]> = {}) =>
  deriveHashtags({ reported: FIXTURE, hashtagCounts: [], asOf: "2026-11-25T00:00:00.000Z", measuredAsOf: null, ...overrides });

describe("hashtag derive", () => {
  it("keeps only hashtag subjects, one series per platform, hashtag (any case) and metric, views first", () => {
    const series = reportedHashtagSeries(FIXTURE);
    expect(series.map((s) => `${s.platform} ${s.hashtag} ${s.metric} ${s.points.length}`)).toEqual([
      "xiaohongshu #tiktokrefugee views 5",
      "xiaohongshu #tiktokrefugee posts 3",
      "xiaohongshu #tiktokrefugee notes 1",
      "xiaohongshu #tiktokrefugee comments 1",
    ]);
    for (const s of series) {
      expect(new Set(s.points.map((p) => p.id)).size).toBe(s.points.length);
      const dates = s.points.map((p) => p.date);
      expect(dates).toEqual([...dates].sort());
    }
  });

  it("keeps the latest retrieval of a measured day, leaves unmeasured days null and never mixes videos with views", () => {
    const series = measuredHashtagSeries([
      measured({ date: "2025-01-13", videos: 10, views: 100 }),
      measured({ date: "2025-01-15", videos: 30, views: 300, retrieved_at: "2025-02-01T00:00:00.000Z" }),
      measured({ date: "2025-01-15", videos: 31, views: 900, retrieved_at: "2025-03-01T00:00:00.000Z" }),
      measured({ hashtag: "rednote", date: "2025-01-14", videos: 5, views: undefined }),
    ]);
    expect(series.map((s) => `${s.hashtag} ${s.metric} ${s.start} ${JSON.stringify(s.values)}`)).toEqual([
      "rednote videos 2025-01-14 [5]",
      "tiktokrefugee videos 2025-01-13 [10,null,31]",
      "tiktokrefugee views 2025-01-13 [100,null,900]",
    ]);
    expect(series.find((s) => s.hashtag === "tiktokrefugee")?.retrievedAt).toBe("2025-03-01T00:00:00.000Z");
  });
});

describe("hashtag chart", () => {
  it("draws one mark per reported number, each inside a link to its http(s) source with a <title>", () => {
    const d = data();
    const total = d.reported.reduce((n, s) => n + s.points.length, 0);
    for (const width of [320, 768, 1280]) {
      const svg = draw(d, width);
      const marks = [...svg.querySelectorAll(".mark")];
      expect(marks).toHaveLength(total);
      for (const mark of marks) {
        const link = mark.closest("a.source-link");
        expect(link?.getAttribute("href")).toMatch(/^https?:\/\//);
        expect(link?.querySelector("title")?.textContent).toMatch(/Source: /);
      }
      expect(svg.getAttribute("width")).toBe(String(width));
      expect(svg.getAttribute("viewBox")).toMatch(new RegExp(`^0 0 ${width} \\d+$`));
    }
  });

  it("uses log scales: ticks at powers of ten, evenly spaced", () => {
    const svg = draw(data(), 768);
    const views = svg.querySelector('.panel[data-metric="views"]')!;
    const ticks = [...views.querySelectorAll(".y-axis .tick")];
    expect(ticks.map((t) => t.textContent)).toEqual(["10M", "100M", "1B", "10B"]);
    const ys = ticks.map((t) => Number(/translate\(0,([-\d.]+)\)/.exec(t.getAttribute("transform") ?? "")![1]));
    const steps = ys.slice(1).map((y, i) => ys[i]! - y);
    for (const step of steps) expect(step).toBeCloseTo(steps[0]!, 6);
    // A span under three decades gets 2× and 5× ticks too, still log-spaced.
    const posts = [...svg.querySelectorAll('.panel[data-metric="posts"] .y-axis .tick')].map((t) => t.textContent);
    expect(posts).toEqual(["10k", "20k", "50k", "100k", "200k", "500k", "1M"]);
  });

  it("never joins two metrics: one panel per metric, each trend line inside its own metric's panel", () => {
    const d = data();
    const svg = draw(d, 1280);
    const panels = [...svg.querySelectorAll(".panel")];
    expect(panels.map((p) => p.getAttribute("data-metric"))).toEqual(d.reported.map((s) => s.metric));
    for (const panel of panels) {
      const metric = panel.getAttribute("data-metric");
      for (const el of panel.querySelectorAll("[data-metric]")) expect(el.getAttribute("data-metric")).toBe(metric);
    }
    const trends = [...svg.querySelectorAll(".trend")];
    // Views have two undisputed, day-dated days; posts and comments have one day; notes only an outlier.
    expect(trends.map((t) => t.getAttribute("data-metric"))).toEqual(["views"]);
    expect(trends[0]!.closest(".panel")?.getAttribute("data-metric")).toBe("views");
    expect((trends[0]!.getAttribute("d") ?? "").match(/[ML]/g)).toHaveLength(3);
  });

  it("draws qualifiers as shapes and caveated numbers faint", () => {
    const svg = draw(data(), 768);
    const byValue = (metric: string, caveat?: string) =>
      [...svg.querySelectorAll(`.panel[data-metric="${metric}"] .mark`)].filter((m) => (caveat ? m.getAttribute("class")?.includes(`caveat-${caveat}`) : true));
    const views = byValue("views");
    expect(views.filter((m) => m.tagName.toLowerCase() === "path")).toHaveLength(2); // two "at least" triangles
    expect(views.filter((m) => m.getAttribute("fill-opacity") === "0")).toHaveLength(1); // one "about" ring
    const outlier = byValue("views", "outlier")[0]!;
    expect(Number(outlier.getAttribute("fill-opacity"))).toBeLessThan(0.5);
    expect(outlier.getAttribute("stroke-dasharray")).toBe("2 2");
    expect(byValue("posts", "weak")[0]?.getAttribute("stroke-dasharray")).toBe("2 2");
    expect(shortValue(FIXTURE[0]! as never)).toBe("25M+");
  });

  it("describes the data in words, keeping outliers out of the range, and says there are no measured counts", () => {
    const d = data();
    const text = describeHashtags(d);
    expect(text).toContain("Views of #tiktokrefugee on Xiaohongshu (5 reports, leaving out 1 outlier or weak report): from at least 25 million on Jan 14, 2025 to 2.3 billion on Jan 20, 2025.");
    expect(text).toContain(NO_MEASURED_TEXT);
    const svg = draw(d, 768);
    expect(svg.querySelector("desc")?.textContent).toBe(text);
    expect(svg.getAttribute("aria-labelledby")).toBe("hashtag-chart-title hashtag-chart-desc");
    expect(svg.textContent).toContain(NO_MEASURED_TEXT);
    expect([...svg.querySelectorAll(".notes")].map((t) => t.textContent).join(" ")).toMatch(/Data as of Nov 25, 2026\./);
  });

  it("says so when nothing is stored", () => {
    const svg = draw({ asOf: null, measuredAsOf: null, reported: [], measured: [], measuredSourceUrl: TIKTOK_RESEARCH_DOCS }, 320);
    expect(svg.querySelectorAll(".mark")).toHaveLength(0);
    expect(svg.textContent).toContain("No reported hashtag counts are stored yet.");
    expect(svg.textContent).toContain(NO_MEASURED_TEXT);
    // The notes line wraps; read it as one sentence.
    expect([...svg.querySelectorAll(".notes")].map((t) => t.textContent).join(" ")).toContain("No data stored yet.");
  });

  it("draws measured daily series apart from the reported ones, one line per hashtag and metric, linked to the API's documentation", () => {
    const d = data({
      hashtagCounts: [
        measured({ date: "2025-01-13", videos: 10, views: 1_000 }),
        measured({ date: "2025-01-14", videos: 400, views: 90_000 }),
        measured({ hashtag: "rednote", date: "2025-01-14", videos: 50, views: 4_000 }),
      ],
      measuredAsOf: "2025-02-01T00:00:00.000Z",
    });
    const svg = draw(d, 768);
    const lines = [...svg.querySelectorAll(".measured-line")];
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line.closest(".panel")?.getAttribute("data-metric")).toBe(line.getAttribute("data-metric"));
      expect(line.closest("a")?.getAttribute("href")).toBe(TIKTOK_RESEARCH_DOCS);
      expect(line.closest("a")?.querySelector("title")?.textContent).toMatch(/^#(tiktokrefugee|rednote) on TikTok: .* Source: TikTok Research API/);
    }
    expect(svg.textContent).not.toContain(NO_MEASURED_TEXT);
    expect(describeHashtags(d)).toContain("Measured on TikTok: 410 videos with #tiktokrefugee from Jan 13, 2025 to Jan 14, 2025.");
  });

  it("keeps hostile strings as text and draws no link that is not http(s)", () => {
    const hostile = deriveHashtags({
      reported: [
        { ...reported({}), publisher: "<img src=x onerror=alert(1)>", url: "javascript:alert(1)", note: "<script>alert(2)</script>" },
        { ...reported({ metric: "posts" }), url: "data:text/html,<b>x</b>", subject: "#<b>tag</b>" },
      ],
      hashtagCounts: [],
      asOf: null,
      measuredAsOf: null,
    });
    const svg = draw(hostile, 600);
    expect(svg.querySelectorAll("a")).toHaveLength(0);
    expect(svg.querySelectorAll("img, script, b")).toHaveLength(0);
    expect(svg.querySelectorAll(".mark")).toHaveLength(2);
    expect(svg.textContent).toContain("<img src=x onerror=alert(1)>");
    expect(svg.textContent).toContain("#<b>tag</b>");
  });

  it("draws every committed reported hashtag count", async () => {
    const dataDir = resolveDataDir();
    const d = deriveHashtags({ reported: await readAll(dataDir, "reported"), hashtagCounts: [], asOf: null, measuredAsOf: null });
    const total = d.reported.reduce((n, s) => n + s.points.length, 0);
    expect(total).toBeGreaterThan(10);
    expect(d.reported.every((s) => s.hashtag.startsWith("#"))).toBe(true);
    expect(draw(d, 320).querySelectorAll(".mark")).toHaveLength(total);
    // The Bloomberg count is filed under its real hashtag, with the #EscapeTikTok mix-up in its note.
    const views = d.reported.find((s) => s.metric === "views" && s.hashtag === "#tiktokrefugee");
    expect(views?.points.some((p) => p.publisher === "Bloomberg" && p.value === 25_000_000 && /EscapeTikTok/.test(p.note ?? ""))).toBe(true);
    expect(d.reported.some((s) => s.hashtag === "#escapetiktok")).toBe(false);
  });
});
