/**
 * One app's rank over time in the charts it was measured in: a line per store, storefront and
 * chart, #1 on top (log or linear), broken where a day has no snapshot of that chart or the app
 * was not in it, never bridged with a made-up rank. Each point's snapshot file and sha256 are in the
 * table of points under the chart (src/client/apps.ts), loaded a chart-year at a time: all of them
 * would outweigh the chart many times over.
 */
import { axisBottom, axisLeft } from "d3-axis";
import { scaleLinear, scaleLog, scaleUtc } from "d3-scale";
import { select } from "d3-selection";
import { asOfText, createFrame } from "./chart-frame.js";
import { countryShort } from "./countries.js";
import { dayToDate, formatDay } from "./format.js";
import type { AppChartSeries } from "./app-view.js";
import { svgElement } from "./svg.js";

export interface AppRankData {
  name: string;
  series: readonly AppChartSeries[];
  measuredAsOf: string | null;
}

export interface AppRankChartOptions {
  width: number;
  document: Document;
  /** "log" (default) gives the top places the room; "linear" shows distances in places. */
  scale?: "log" | "linear";
  /** Unique on a page; defaults to "app-rank-chart". */
  id?: string;
}

const DAY = 86_400_000;
const COLORS = ["#4269d0", "#ef8a00", "#3ca951", "#ff725c", "#a463f2", "#97bbf5", "#9c6b4e", "#6cc5b0", "#ff8ab7", "#9498a0"];
const LOG_TICKS = [1, 2, 5, 10, 20, 50, 100, 200];

export function seriesLabel(s: Pick<AppChartSeries, "store" | "country" | "chart">): string {
  return `${s.store === "app-store" ? "App Store" : "Google Play"} ${countryShort(s.country)}, ${s.chart === "top-free" ? "free" : "paid"}`;
}

/** Runs of consecutive UTC days: a line never crosses a missing day. */
function runs(points: AppChartSeries["points"]): AppChartSeries["points"][] {
  const out: AppChartSeries["points"][] = [];
  let prev = -Infinity;
  for (const p of points) {
    const t = dayToDate(p.day).getTime();
    if (t - prev !== DAY) out.push([]);
    out[out.length - 1]!.push(p);
    prev = t;
  }
  return out;
}

export function describeAppRanks(data: AppRankData): string {
  if (data.series.length === 0) return `No stored chart snapshot lists ${data.name} here.`;
  return data.series
    .map((s) => {
      const best = Math.min(...s.points.map((p) => p.rank));
      return `${seriesLabel(s)}: ${s.points.length} days measured from ${s.points[0]!.day} to ${s.points.at(-1)!.day}, best #${best}.`;
    })
    .join(" ");
}

export function appRankChart(data: AppRankData, { width, document, scale = "log", id = "app-rank-chart" }: AppRankChartOptions): SVGSVGElement {
  const frame = createFrame({
    document,
    width,
    id,
    title: `${data.name}: rank in the charts`,
    subtitle: `Measured daily (the last snapshot of each UTC day), ${scale === "log" ? "log" : "linear"} rank axis, #1 on top`,
    description: describeAppRanks(data),
  });
  const { svg } = frame;
  frame.legendRow(
    data.series.map((s, i) => ({
      label: seriesLabel(s),
      draw: (g) => void svgElement(document, "line", { x1: -6, x2: 6, stroke: COLORS[i % COLORS.length], "stroke-width": 2.5 }, g),
    })),
  );
  const points = data.series.flatMap((s) => s.points);
  const margin = { left: 34, right: 10 };
  const top = frame.y + 12;
  const height = Math.max(160, Math.min(320, width * 0.5));
  if (points.length === 0) {
    svgElement(document, "text", { x: 0, y: top + 20, class: "empty" }, svg).textContent = "No measured rank to draw yet.";
    frame.y = top + 30;
  } else {
    const times = points.map((p) => dayToDate(p.day).getTime());
    let lo = Infinity;
    let hi = -Infinity;
    let worst = 1;
    for (const t of times) [lo, hi] = [Math.min(lo, t), Math.max(hi, t)];
    for (const p of points) worst = Math.max(worst, p.rank);
    const x = scaleUtc()
      .domain([new Date(lo - DAY / 2), new Date(hi + DAY * 1.5)])
      .range([margin.left, width - margin.right]);
    const bottom = Math.max(10, worst);
    const y = (scale === "log" ? scaleLog().domain([1, bottom]) : scaleLinear().domain([1, bottom])).range([top, top + height]);
    const mid = (day: string) => x(new Date(dayToDate(day).getTime() + DAY / 2));
    const axisY = select(svgElement(document, "g", { class: "axis axis-y", transform: `translate(${margin.left},0)` }, svg));
    const ticks = scale === "log" ? LOG_TICKS.filter((t) => t <= bottom) : y.ticks(5).filter((t) => Number.isInteger(t));
    axisY.call(axisLeft(y).tickValues(ticks).tickFormat((d) => `#${d}`));
    const axisX = select(svgElement(document, "g", { class: "axis axis-x", transform: `translate(0,${top + height})` }, svg));
    axisX.call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 110))));
    data.series.forEach((s, i) => {
      const color = COLORS[i % COLORS.length]!;
      const g = svgElement(document, "g", { class: "series", "data-series": seriesLabel(s) }, svg);
      for (const run of runs(s.points)) {
        if (run.length > 1) {
          const d = run.map((p, j) => `${j ? "L" : "M"}${mid(p.day).toFixed(1)},${y(p.rank).toFixed(1)}`).join("");
          svgElement(document, "path", { d, fill: "none", stroke: color, "stroke-width": 2, class: "line" }, g);
        }
      }
      for (const p of s.points) {
        const dot = svgElement(document, "circle", { cx: mid(p.day).toFixed(1), cy: y(p.rank).toFixed(1), r: 2.5, fill: color, class: "mark measured" }, g);
        svgElement(document, "title", {}, dot).textContent = `${seriesLabel(s)}, ${formatDay(dayToDate(p.day))}: #${p.rank}`;
      }
    });
    frame.y = top + height + 30;
  }
  frame.notes(`Source: Apple's top-chart feeds, measured by the tracker; snapshot files and sha256 in the table below. ${asOfText(data.measuredAsOf)}`);
  return frame.finish();
}
