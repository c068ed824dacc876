/**
 * The rankings charts in Node (linkedom): one mark per point, lines only for measured ranks,
 * absent days in the "not in the chart" band, reported ranks as symbols, http(s) links only,
 * honest empty states, a description in words, and hostile text kept as text. Fixture data is
 * built here; the committed data is only read, never written.
 */
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { resolveDataDir } from "../../loaders/config.ts";
import { rankings } from "../../src/data/outputs/rankings.ts";
import { openSiteStore } from "../../src/data/outputs/site-store.ts";
import { describeRanks, rankChart, smallMultiples, type Period } from "../../src/components/rank-chart.ts";
import type { RankingsData, ReportedRank } from "../../src/components/rank-types.ts";

const WIDTHS = [320, 768, 1280];

function newDocument(): Document {
  return parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
}

const reported = (over: Partial<ReportedRank> & Pick<ReportedRank, "id" | "app" | "date" | "value">): ReportedRank => ({
  store: "app-store",
  country: "us",
  chart: "top-free",
  precision: "day",
  qualifier: "exact",
  publisher: "Example News",
  url: `https://example.com/${over.id}`,
  ...over,
});

/** Four measured days in the US (a gap on Jan 4), RedNote out of the chart on Jan 2; four reports. */
function fixture(): RankingsData {
  return {
    asOf: "2025-01-06T00:00:00.000Z",
    measuredAsOf: "2025-01-05T20:00:00.000Z",
    apps: [
      { key: "xiaohongshu", name: "RedNote", color: "#ff2442", role: "focus" },
      { key: "tiktok", name: "TikTok", color: "#08837f", role: "focus" },
      { key: "lemon8", name: "Lemon8", color: "#758006", role: "focus" },
    ],
    countries: ["us", "gb"],
    measured: [
      {
        store: "app-store",
        country: "us",
        chart: "top-free",
        days: ["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-05"],
        sizes: [100, 100, 100, 100],
        ranks: { xiaohongshu: [40, null, 12, 1], tiktok: [3, 4, 5, 6] },
        url: "https://rss.marketingtools.apple.com/api/v2/us/apps/top-free/100/apps.json",
        sourceTitle: "Apple App Store Top Free Apps, US",
      },
    ],
    reported: [
      reported({ id: "O001", app: "xiaohongshu", date: "2025-01-13", value: 1 }),
      reported({ id: "O002", app: "xiaohongshu", date: "2025-01-11", dateEnd: "2025-01-12", value: 1, precision: "weekday-inferred" }),
      reported({ id: "O003", app: "lemon8", date: "2025-01-16", value: 5, qualifier: "at-most" }),
      reported({ id: "O004", app: "xiaohongshu", date: "2025-01-16", value: 1, country: "gb" }),
    ],
    absences: [
      {
        apps: ["tiktok", "lemon8"],
        stores: ["app-store", "google-play"],
        country: "us",
        start: "2025-01-18",
        end: "2025-02-13",
        removed: { id: "E024", date: "2025-01-18", title: "Pulled", publisher: "Kapwing", url: "https://kapwing.com/x" },
        returned: { id: "E036", date: "2025-02-13", title: "Back", publisher: "AFP", url: "https://example.org/back" },
        evidence: [],
      },
    ],
  };
}

const reportedOnly = (): RankingsData => ({ ...fixture(), measured: [], measuredAsOf: null });

function hrefsOf(svg: SVGSVGElement): string[] {
  return [...svg.querySelectorAll("a")].map((a) => a.getAttribute("href") ?? "");
}

describe("rankChart", () => {
  it("draws one mark per point in view: every measured day and every report, each in an http(s) link with a title", () => {
    const data = fixture();
    for (const width of WIDTHS) {
      for (const [period, expected] of [
        ["all", 4 * 2 + 3],
        ["measured", 4 * 2],
        ["migration", 3],
      ] as [Period, number][]) {
        const svg = rankChart(data, { width, document: newDocument(), country: "us", period });
        const marks = [...svg.querySelectorAll(".mark")];
        expect(marks, `${period} at ${width}`).toHaveLength(expected);
        for (const mark of marks) {
          const link = mark.closest("a.source-link");
          expect(link?.getAttribute("href")).toMatch(/^https?:\/\//);
          expect(link?.querySelector("title")?.textContent).toBeTruthy();
        }
        expect(svg.getAttribute("width")).toBe(String(width));
        expect(svg.outerHTML).not.toMatch(/NaN|undefined|Infinity/);
      }
    }
  });

  it("in print (interactive: false) draws a dense measured line without its invisible hover targets, and the same line", () => {
    const data = fixture();
    const days = Array.from({ length: 90 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
    data.measured = [{ ...data.measured[0]!, days, sizes: days.map(() => 100), ranks: { tiktok: days.map((_, i) => 1 + (i % 7)) } }];
    const live = rankChart(data, { width: 768, document: newDocument(), country: "us", period: "measured" });
    const printed = rankChart(data, { width: 768, document: newDocument(), country: "us", period: "measured", interactive: false });
    expect(live.querySelectorAll(".mark.measured")).toHaveLength(90);
    expect(printed.querySelectorAll(".mark.measured")).toHaveLength(0);
    const line = (svg: SVGSVGElement) => svg.querySelector("path.measured-line")?.getAttribute("d");
    expect(line(printed)).toBe(line(live));
    expect(line(printed)!.match(/L/g)).toHaveLength(89);
  });

  it("draws years of days in a narrow panel as the same line with at most four points to a pixel column", () => {
    const data = fixture();
    const days = Array.from({ length: 1500 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
    data.measured = [{ ...data.measured[0]!, days, sizes: days.map(() => 100), ranks: { tiktok: days.map((_, i) => 1 + ((i * 37) % 60)) } }];
    const svg = rankChart(data, { width: 320, document: newDocument(), country: "us", period: "measured" });
    const marks = [...svg.querySelectorAll('.mark.measured[data-app="tiktok"]')].map((m) => [m.getAttribute("cx")!, m.getAttribute("cy")!].map(Number) as [number, number]);
    expect(marks).toHaveLength(1500);
    const vertices = (svg.querySelector("path.measured-line")!.getAttribute("d") ?? "").slice(1).split("L").map((v) => v.split(",").map(Number) as [number, number]);
    const column = (points: [number, number][], c: number) => points.filter(([x]) => Math.round(x) === c).map(([, y]) => y);
    const columns = [...new Set(marks.map(([x]) => Math.round(x)))];
    expect(vertices.length).toBeLessThan(marks.length / 2);
    expect(vertices[0]).toEqual(marks[0]);
    expect(vertices.at(-1)).toEqual(marks.at(-1));
    for (const c of columns) {
      const all = column(marks, c);
      const kept = column(vertices, c);
      expect(kept.length, `column ${c}`).toBeLessThanOrEqual(4);
      expect([Math.min(...kept), Math.max(...kept)], `column ${c}`).toEqual([Math.min(...all), Math.max(...all)]);
    }
  });

  it("draws lines for measured ranks only, breaks them where a day was not measured, and never joins reported symbols", () => {
    const svg = rankChart(fixture(), { width: 768, document: newDocument(), country: "us", period: "all" });
    const lines = [...svg.querySelectorAll("path.measured-line")];
    expect(lines.length).toBeGreaterThan(0);
    // Jan 3 -> Jan 5 skips a day: no segment may span it. RedNote: 1-2 dashed (into the band), 2-3 dashed; TikTok 1-2, 2-3 solid.
    // Each path is polylines ("M a L b L c"): the segments are their consecutive pairs of points.
    const segments = lines.flatMap((l) =>
      (l.getAttribute("d") ?? "").split("M").filter(Boolean).flatMap((run) => {
        const points = run.split("L");
        return points.slice(1).map((end, i) => `${points[i]}L${end}`);
      }),
    );
    expect(segments).toHaveLength(4);
    const x = (day: string) => Number(svg.querySelector(`.mark.measured[data-app="tiktok"][data-day="${day}"]`)!.getAttribute("cx"));
    for (const seg of segments) {
      const [x1, , x2] = seg.split(/[L,]/).map(Number);
      expect(Math.max(x1!, x2!)).toBeLessThanOrEqual(x("2025-01-03") + 0.1);
    }
    for (const mark of svg.querySelectorAll(".mark.reported")) {
      expect(["circle", "path"]).toContain(mark.tagName.toLowerCase());
      expect(mark.getAttribute("transform")).toMatch(/^translate\(/);
    }
    // Without measured data there is no line at all, only symbols (and the date span of a report).
    const only = rankChart(reportedOnly(), { width: 768, document: newDocument(), country: "us", period: "migration" });
    expect(only.querySelectorAll(".measured-line, .measured-lines, polyline")).toHaveLength(0);
    const strayLines = [...only.querySelectorAll(".panel line")].filter((l) => !l.closest(".axis") && !/grid|interval|absence-end/.test(l.getAttribute("class") ?? ""));
    expect(strayLines).toEqual([]);
    expect(only.querySelectorAll(".mark.reported")).toHaveLength(3);
  });

  it("draws a day out of the chart in the band below the last rank, not as a rank", () => {
    const svg = rankChart(fixture(), { width: 768, document: newDocument(), country: "us", period: "measured" });
    const band = svg.querySelector(".absent-band")!;
    const top = Number(band.getAttribute("y"));
    const bottom = top + Number(band.getAttribute("height"));
    const absent = [...svg.querySelectorAll('.mark[data-absent="true"]')];
    expect(absent).toHaveLength(1);
    expect(absent[0]!.getAttribute("data-day")).toBe("2025-01-02");
    const cy = Number(absent[0]!.getAttribute("cy"));
    expect(cy).toBeGreaterThan(top);
    expect(cy).toBeLessThan(bottom);
    for (const ranked of svg.querySelectorAll(".mark.measured:not(.absent)")) expect(Number(ranked.getAttribute("cy"))).toBeLessThan(top);
    expect(svg.querySelector(".band-label")?.textContent).toBe("Not in the top 100");
    expect(absent[0]!.closest("a")?.querySelector("title")?.textContent).toMatch(/RedNote: not in the top 100 .* on Jan 2, 2025, measured/);
  });

  it("shades the weeks apps were out of the store, linked to the events that date it", () => {
    const svg = rankChart(fixture(), { width: 1280, document: newDocument(), country: "us", period: "migration" });
    const shade = svg.querySelector("rect.absence")!;
    expect(shade.closest("a")?.getAttribute("href")).toBe("https://kapwing.com/x");
    expect(shade.closest("a")?.querySelector("title")?.textContent).toMatch(/TikTok and Lemon8 out of the US app stores, Jan 18 to Feb 13, 2025/);
    expect(svg.querySelector("line.absence-end")?.closest("a")?.getAttribute("href")).toBe("https://example.org/back");
  });

  it("labels the apps directly, in their colours", () => {
    const svg = rankChart(fixture(), { width: 768, document: newDocument(), country: "us", period: "all" });
    const labels = [...svg.querySelectorAll(".direct-label")];
    expect(labels.map((l) => l.textContent).sort()).toEqual(["Lemon8", "RedNote", "TikTok"]);
    expect(labels.find((l) => l.textContent === "RedNote")?.getAttribute("fill")).toBe("#ff2442");
  });

  it("says honestly what is missing: no measured snapshots yet, no ranks for a country", () => {
    const svg = rankChart(reportedOnly(), { width: 320, document: newDocument(), country: "us" });
    expect(svg.textContent).toContain("No measured snapshots yet: the first refresh will start the series.");
    expect(svg.querySelectorAll(".mark")).toHaveLength(3);
    const none = rankChart(reportedOnly(), { width: 320, document: newDocument(), country: "fr" });
    expect(none.textContent).toContain("No ranks for France yet.");
    expect(none.querySelectorAll(".mark")).toHaveLength(0);
    const empty: RankingsData = { asOf: null, measuredAsOf: null, apps: [], countries: [], measured: [], reported: [], absences: [] };
    const blank = rankChart(empty, { width: 768, document: newDocument(), country: "us" });
    expect(blank.textContent).toContain("No ranks for the US yet.");
    expect([...blank.querySelectorAll(".notes")].map((n) => n.textContent).join(" ")).toMatch(/No data stored yet/);
    // Some countries measured, not this one.
    const gb = rankChart(fixture(), { width: 768, document: newDocument(), country: "gb", period: "migration" });
    expect(gb.textContent).toContain("No measured snapshots for the UK yet.");
  });

  it("describes the data in words for screen readers", () => {
    const text = describeRanks(reportedOnly(), "us", "migration");
    expect(text).toMatch(/^In the US, RedNote was reported #1 on the App Store between Jan 11, 2025 and Jan 13, 2025 \(2 reports\)\./);
    expect(text).toMatch(/Lemon8's best reported rank on the App Store was at most #5, on Jan 16, 2025\./);
    expect(text).toContain("TikTok and Lemon8 were out of the app stores in the US from Jan 18 to Feb 13, 2025.");
    expect(text).toContain("No measured snapshots yet");
    const measured = describeRanks(fixture(), "us", "measured");
    expect(measured).toMatch(/^In the US, RedNote was #1 on the App Store on Jan 5, 2025 by our measurement, at best #1, on Jan 5, 2025\. TikTok was #6 on the App Store on Jan 5, 2025 by our measurement, at best #3, on Jan 1, 2025\./);
    expect(describeRanks(fixture(), "fr", "all")).toMatch(/^No ranks for France yet\./);
    expect(describeRanks(fixture(), "us", "migration")).not.toMatch(/No ranks/);
    const svg = rankChart(fixture(), { width: 768, document: newDocument(), country: "gb", period: "migration" });
    expect(svg.querySelector("desc")?.textContent).toMatch(/^In the UK, RedNote was reported #1 on the App Store on Jan 16, 2025\./);
    expect(svg.querySelector("title")?.textContent).toBe("Top-chart ranks in the UK");
  });

  it("keeps hostile names as text and draws no link that is not http(s)", () => {
    const data = reportedOnly();
    data.apps[0]!.name = "<img src=x onerror=alert(1)>";
    data.reported.push(reported({ id: "O009", app: "xiaohongshu", date: "2025-01-14", value: 2, publisher: "<b>Evil</b>", url: "javascript:alert(1)" }));
    data.reported.push(reported({ id: "O010", app: "xiaohongshu", date: "2025-01-15", value: 3, url: "data:text/html,hi" }));
    for (const svg of [
      rankChart(data, { width: 768, document: newDocument(), country: "us", period: "migration" }),
      smallMultiples(data, { width: 768, document: newDocument(), period: "migration" }),
    ]) {
      expect(hrefsOf(svg).filter((h) => !/^https?:\/\//.test(h))).toEqual([]);
      expect(svg.querySelectorAll("img, b, script")).toHaveLength(0);
      expect(svg.textContent).toContain("<img src=x onerror=alert(1)>");
    }
    const main = rankChart(data, { width: 768, document: newDocument(), country: "us", period: "migration" });
    // The two hostile reports are still drawn, as marks without a link.
    expect(main.querySelectorAll(".mark")).toHaveLength(5);
    expect(main.querySelectorAll("a .mark")).toHaveLength(3);
  });
});

describe("long measured series", () => {
  it("keeps hundreds of days hoverable but out of the tab order (the data table has them)", () => {
    const data = fixture();
    const days = Array.from({ length: 120 }, (_, i) => new Date(Date.UTC(2025, 2, 1 + i)).toISOString().slice(0, 10));
    data.measured[0] = { ...data.measured[0]!, days, sizes: days.map(() => 100), ranks: { tiktok: days.map((_, i) => (i % 30 === 0 ? null : 1 + (i % 7))) } };
    const svg = rankChart(data, { width: 1280, document: newDocument(), country: "us", period: "measured" });
    expect(svg.querySelectorAll(".mark.measured")).toHaveLength(120);
    expect(svg.querySelectorAll('a[tabindex="-1"] .mark.measured')).toHaveLength(120);
    expect(svg.querySelectorAll('.mark[data-absent="true"]')).toHaveLength(4);
  });
});

describe("smallMultiples", () => {
  it("draws a panel per country with ranks, one mark per point, and says when a panel has too little data", () => {
    for (const width of WIDTHS) {
      const svg = smallMultiples(fixture(), { width, document: newDocument(), period: "all" });
      const cells = [...svg.querySelectorAll(".cell")];
      expect(cells.map((c) => c.getAttribute("data-country"))).toEqual(["us", "gb"]);
      // US: 4 measured days x 2 apps and 3 App Store reports; UK: 1 report.
      expect(svg.querySelectorAll(".mark")).toHaveLength(4 * 2 + 3 + 1);
      const gb = cells[1]!;
      expect(gb.querySelector(".cell-title")?.textContent).toBe("United Kingdom");
      const status = [...gb.querySelectorAll(".cell-status")].map((t) => t.textContent).join(" ");
      expect(status).toBe("Too little data: one reported rank in this period, no measured snapshots yet.");
      expect(cells[0]!.textContent).not.toMatch(/Too little data/);
      expect(svg.outerHTML).not.toMatch(/NaN|undefined|Infinity/);
    }
  });
});

describe("with the committed data", () => {
  it("shows the reported ranks, says there are no measured snapshots yet, and covers the dossier's countries", async () => {
    const chunks: string[] = [];
    await rankings.write(openSiteStore(resolveDataDir()), { write: async (chunk) => void chunks.push(String(chunk)) });
    const data = JSON.parse(chunks.join("")) as RankingsData;
    expect(data.countries).toEqual(expect.arrayContaining(["us", "gb", "ca", "ie", "it", "fr"]));
    expect(data.countries[0]).toBe("us");
    expect(data.absences[0]).toMatchObject({ start: "2025-01-18", end: "2025-02-13", removed: { id: "E024" }, returned: { id: "E036" } });
    const svg = rankChart(data, { width: 768, document: newDocument(), country: "us" });
    if (data.measured.length === 0) expect(svg.textContent).toContain("No measured snapshots yet: the first refresh will start the series.");
    expect(svg.querySelectorAll(".mark.reported").length).toBeGreaterThan(10);
    expect(svg.querySelector("desc")?.textContent).toMatch(/In the US, RedNote was reported #1 on the App Store between Jan \d+, 2025 and Jan \d+, 2025/);
    const multiples = smallMultiples(data, { width: 1280, document: newDocument() });
    expect(multiples.querySelectorAll(".cell").length).toBeGreaterThanOrEqual(6);
  });
});
