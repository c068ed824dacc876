/**
 * appRankChart in Node (linkedom): a line per chart, broken where a day is missing, #1 on top on
 * log and linear axes, every dot naming its chart, day and rank (its snapshot file and sha256 are in
 * the table under the chart), a hostile name kept as text, and an honest empty chart.
 */
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { appRankChart, describeAppRanks } from "../../src/components/app-rank-chart.ts";
import type { AppChartSeries } from "../../src/components/app-view.ts";

const HOSTILE = '<script>alert(1)</script>\u202E=SUM(A1)';
const newDocument = () => parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
const point = (day: string, rank: number) => ({ day, rank, snapshot: 0 });

// Jan 13, 14, then a missing Jan 15, then 16 and 17: two runs in the US; one day in the UK.
const US: AppChartSeries = { store: "app-store", country: "us", chart: "top-free", points: [point("2025-01-13", 40), point("2025-01-14", 2), point("2025-01-16", 1), point("2025-01-17", 3)] };
const GB: AppChartSeries = { store: "app-store", country: "gb", chart: "top-free", points: [point("2025-01-15", 7)] };
const DATA = { name: HOSTILE, series: [US, GB], measuredAsOf: "2025-01-17T12:00:00.000Z" };

describe("appRankChart", () => {
  for (const scale of ["log", "linear"] as const) {
    it.each([320, 880])(`at %i px on a ${scale} axis: a line per run of days, #1 on top`, (width) => {
      const svg = appRankChart(DATA, { width, document: newDocument(), scale });
      const series = svg.querySelectorAll("g.series");
      expect(series).toHaveLength(2);
      // The missing Jan 15 breaks the US line in two; a single day draws no line.
      expect(series[0]!.querySelectorAll("path.line")).toHaveLength(2);
      expect(series[1]!.querySelectorAll("path.line")).toHaveLength(0);
      const dots = [...series[0]!.querySelectorAll("circle.mark")];
      expect(dots).toHaveLength(4);
      const cy = dots.map((d) => Number(d.getAttribute("cy")));
      expect(cy[2]).toBeLessThan(cy[1]!); // #1 above #2
      expect(cy[1]).toBeLessThan(cy[0]!); // #2 above #40
      expect(Number(svg.getAttribute("width"))).toBe(width);
    });
  }

  it("names each dot's chart, day and rank, and says where its snapshot file and sha256 are", () => {
    const svg = appRankChart(DATA, { width: 560, document: newDocument() });
    expect(svg.querySelector("g.series circle.mark title")!.textContent).toBe("App Store US, free, Jan 13, 2025: #40");
    expect(svg.textContent!.replace(/\s/g, "")).toContain("snapshotfilesandsha256inthetablebelow");
  });

  it("keeps a hostile name as text in the title and the description", () => {
    const svg = appRankChart(DATA, { width: 560, document: newDocument() });
    expect(svg.querySelector("script")).toBeNull();
    expect(svg.querySelector("title")!.textContent).toBe(`${HOSTILE}: rank in the charts`);
    expect(svg.outerHTML).not.toContain("<script>");
    expect(describeAppRanks(DATA)).toContain("App Store US, free: 4 days measured from 2025-01-13 to 2025-01-17, best #1.");
  });

  it("says when there is nothing to draw", () => {
    const svg = appRankChart({ name: "X", series: [], measuredAsOf: null }, { width: 320, document: newDocument() });
    expect(svg.querySelectorAll(".mark")).toHaveLength(0);
    expect(svg.textContent).toContain("No measured rank to draw yet.");
    expect(svg.textContent).toContain("No data stored yet.");
  });
});
