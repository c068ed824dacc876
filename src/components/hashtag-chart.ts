/**
 * Hashtag counts, reported and measured apart. Reported counts (what news outlets published) are
 * drawn as small multiples, one panel per platform, hashtag and metric, each on its own log scale:
 * posts, views, comments and "notes" count different things and are never joined. Measured daily
 * counts (TikTok Research API) follow in their own section, or an honest note that there are none.
 * Every reported mark links to its source.
 */
import { axisBottom, axisLeft } from "d3-axis";
import { scaleUtc, type ScaleLogarithmic, type ScaleTime } from "d3-scale";
import { select } from "d3-selection";
import { line } from "d3-shape";
import { asOfText, createFrame, qualifierLegend, qualifierShape, type ChartOptions } from "./chart-frame.js";
import type { HashtagData, MeasuredHashtagSeries, ReportedHashtagSeries } from "./attention-types.js";
import { DAY, dayToDate, formatCount, formatDate, formatDay, formatShortDay, formatTick, qualify } from "./format.js";
import { logScale } from "./log-axis.js";
import type { ReportedPoint } from "./story-types.js";
import { sourceLink, svgElement, svgText, wrapText } from "./svg.js";

/** What each metric counts, in a reader's words; the panel heading and the page both use these. */
export const METRICS: Record<string, { label: string; color: string; unit: string }> = {
  views: { label: "Views", color: "#e03c4f", unit: "views" },
  posts: { label: "Posts", color: "#3b78c2", unit: "posts" },
  notes: { label: '"Notes"', color: "#9a5fb4", unit: '"notes"' },
  comments: { label: "Comments", color: "#d9771f", unit: "comments" },
  discussions: { label: "Discussions", color: "#3f9a4a", unit: "discussions" },
  participants: { label: "Participants", color: "#2a9d9a", unit: "participants" },
  videos: { label: "Videos posted per day", color: "#3b78c2", unit: "videos" },
};
const OTHER_METRIC_COLOR = "#7a7a7a";
const HASHTAG_COLORS = ["#e03c4f", "#3b78c2", "#d9771f", "#3f9a4a", "#9a5fb4", "#2a9d9a"];

export const PLATFORMS: Record<string, string> = {
  xiaohongshu: "Xiaohongshu",
  tiktok: "TikTok",
  x: "X",
  lemon8: "Lemon8",
  instagram: "Instagram",
};

export function metricLabel(metric: string): string {
  return METRICS[metric]?.label ?? metric.replace(/[-_]/g, " ").replace(/^./, (c) => c.toUpperCase());
}
const metricUnit = (metric: string) => METRICS[metric]?.unit ?? metric.replace(/[-_]/g, " ");
const metricColor = (metric: string) => METRICS[metric]?.color ?? OTHER_METRIC_COLOR;
export const platformLabel = (platform: string) => PLATFORMS[platform] ?? platform.replace(/[-_]/g, " ");

export const NO_MEASURED_TEXT = "No measured hashtag counts yet: the TikTok Research API loader runs only with credentials.";

const doubtful = (p: ReportedPoint) => p.caveat === "outlier" || p.caveat === "weak";

function sourceText(p: { publisher: string; via?: string }): string {
  return `Source: ${p.publisher}${p.via ? `, read on ${p.via}` : ""}.`;
}

export function reportedTooltip(series: ReportedHashtagSeries, p: ReportedPoint): string {
  const value = qualify(p.qualifier, formatCount(p.value), p.valueHigh !== undefined ? formatCount(p.valueHigh) : undefined);
  const caveat = p.caveat === "outlier" ? " Treated as an outlier." : p.caveat === "weak" ? " Weak source." : "";
  return `${series.hashtag} on ${platformLabel(series.platform)}: ${value} ${metricUnit(series.metric)}, ${formatDate(p.date, p.precision, p.dateEnd)}. ${sourceText(p)}${caveat}${p.note ? ` ${p.note}` : ""}`;
}

function measuredSummary(s: MeasuredHashtagSeries): { total: number; days: number; peak: { day: string; value: number } | null; end: string } {
  let total = 0;
  let days = 0;
  let peak: { day: string; value: number } | null = null;
  const start = dayToDate(s.start).getTime();
  s.values.forEach((v, i) => {
    if (v === null) return;
    total += v;
    days += 1;
    if (!peak || v > peak.value) peak = { day: new Date(start + i * DAY).toISOString().slice(0, 10), value: v };
  });
  return { total, days, peak, end: new Date(start + (s.values.length - 1) * DAY).toISOString().slice(0, 10) };
}

export function measuredTooltip(s: MeasuredHashtagSeries): string {
  const { total, days, peak, end } = measuredSummary(s);
  const what = s.metric === "videos" ? "videos posted" : "views of the videos posted";
  const busiest = peak ? ` Busiest day: ${formatDay(dayToDate(peak.day))}, ${formatCount(peak.value)}.` : "";
  return `#${s.hashtag} on ${platformLabel(s.platform)}: ${formatCount(total)} ${what} between ${formatDay(dayToDate(s.start))} and ${formatDay(dayToDate(end))} (${days} days measured).${busiest} Source: TikTok Research API, query ${s.query}, fetched ${formatDay(new Date(s.retrievedAt))}.`;
}

/** A few sentences a screen reader can say instead of the picture, computed from the data. */
export function describeHashtags(data: HashtagData): string {
  const parts: string[] = [];
  if (data.reported.length === 0) parts.push("No reported hashtag counts are stored yet.");
  for (const s of data.reported) {
    const kept = s.points.filter((p) => !doubtful(p));
    const set = kept.length > 0 ? kept : s.points;
    const first = set[0]!;
    const last = set.reduce((a, b) => (b.date > a.date || (b.date === a.date && b.value > a.value) ? b : a));
    const count = `${s.points.length} report${s.points.length === 1 ? "" : "s"}`;
    const faint = s.points.length - kept.length;
    const aside = faint > 0 && kept.length > 0 ? `, leaving out ${faint} outlier or weak report${faint === 1 ? "" : "s"}` : "";
    parts.push(
      set.length === 1
        ? `${metricLabel(s.metric)} of ${s.hashtag} on ${platformLabel(s.platform)}: ${qualify(first.qualifier, formatCount(first.value))} on ${formatDay(dayToDate(first.date))} (${count}).`
        : `${metricLabel(s.metric)} of ${s.hashtag} on ${platformLabel(s.platform)} (${count}${aside}): from ${qualify(first.qualifier, formatCount(first.value))} on ${formatDay(dayToDate(first.date))} to ${qualify(last.qualifier, formatCount(last.value))} on ${formatDay(dayToDate(last.date))}.`,
    );
  }
  if (data.measured.length === 0) parts.push(NO_MEASURED_TEXT);
  for (const s of data.measured) {
    const { total, end } = measuredSummary(s);
    parts.push(`Measured on ${platformLabel(s.platform)}: ${formatCount(total)} ${s.metric === "videos" ? "videos" : "views"} with #${s.hashtag} from ${formatDay(dayToDate(s.start))} to ${formatDay(dayToDate(end))}.`);
  }
  return parts.join(" ");
}

/** "25M+", "~60M", "73M": a reported value as a short label. */
export function shortValue(p: ReportedPoint): string {
  const v = formatTick(p.value);
  switch (p.qualifier) {
    case "at-least":
      return `${v}+`;
    case "about":
      return `~${v}`;
    case "at-most":
      return `≤${v}`;
    case "range":
      return `${v}–${formatTick(p.valueHigh ?? p.value)}`;
    case "exact":
      return v;
  }
}

/** Noon of a day: marks sit in the middle of their day, and so do the day ticks. */
const noon = (day: string) => new Date(dayToDate(day).getTime() + DAY / 2);
function midpoint(p: { date: string; dateEnd?: string }): Date {
  const a = noon(p.date).getTime();
  const b = p.dateEnd ? noon(p.dateEnd).getTime() : a;
  return new Date((a + b) / 2);
}

function dayTicks(x: ScaleTime<number, number>, innerWidth: number): Date[] {
  const [a, b] = x.domain() as [Date, Date];
  const first = Math.ceil((a.getTime() - DAY / 2) / DAY) * DAY + DAY / 2;
  const days = Math.max(1, Math.floor((b.getTime() - first) / DAY) + 1);
  const step = Math.max(1, Math.ceil(days / Math.max(2, Math.floor(innerWidth / 46))));
  const ticks: Date[] = [];
  for (let t = first; t <= b.getTime(); t += step * DAY) ticks.push(new Date(t));
  return ticks;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : Math.sqrt(s[m - 1]! * s[m]!);
}

export function hashtagChart(data: HashtagData, { width, document }: ChartOptions): SVGSVGElement {
  const narrow = width < 560;
  const frame = createFrame({
    document,
    width,
    id: "hashtag-chart",
    title: "Counting the #tiktokrefugee tag",
    subtitle: "Posts, views, comments and discussions are different measures, so each has its own panel and log scale. Counts as news outlets reported them, then our own. Each mark links to its source.",
    description: describeHashtags(data),
  });
  const { svg } = frame;
  frame.legendRow([
    ...qualifierLegend(document),
    {
      label: "outlier or weak source",
      draw: (g) => void svgElement(document, "circle", { r: 4, "fill-opacity": 0.3, stroke: "currentColor", "stroke-dasharray": "2 2" }, g),
    },
    {
      label: "middle of the day's reports",
      draw: (g) => void svgElement(document, "line", { x1: -6, x2: 6, y1: 0, y2: 0, stroke: "currentColor", "stroke-width": 1.5, "stroke-opacity": 0.5 }, g),
    },
  ]);
  let y = frame.y + 8;

  const section = (heading: string) => {
    y += 14;
    svgElement(document, "line", { x1: 0, x2: width, y1: y, y2: y, stroke: "currentColor", "stroke-opacity": 0.25 }, svg);
    for (const text of wrapText(heading, Math.floor(width / 10))) {
      y += 20;
      svgText(document, text, { x: 0, y, "font-size": 15, "font-weight": 700, class: "section-heading" }, svg);
    }
    y += 6;
  };

  // Reported: small multiples on a grid.
  section("Reported by news outlets");
  const publishers = new Set(data.reported.flatMap((s) => s.points.map((p) => p.publisher)));
  if (data.reported.length === 0) {
    y += 22;
    svgText(document, "No reported hashtag counts are stored yet.", { x: 0, y, class: "empty" }, svg);
    y += 8;
  } else {
    const cols = width >= 960 ? 3 : width >= 600 ? 2 : 1;
    const gap = 28;
    const colWidth = (width - gap * (cols - 1)) / cols;
    const margin = { left: 44, right: 18 };
    const innerWidth = Math.max(80, colWidth - margin.left - margin.right);
    const plotHeight = narrow ? 120 : 140;
    const all = data.reported.flatMap((s) => s.points);
    const first = all.reduce((a, p) => (p.date < a ? p.date : a), all[0]!.date);
    const last = all.reduce((a, p) => ((p.dateEnd ?? p.date) > a ? (p.dateEnd ?? p.date) : a), all[0]!.date);
    const x = scaleUtc()
      .domain([new Date(dayToDate(first).getTime() - DAY / 2), new Date(dayToDate(last).getTime() + DAY * 1.5)])
      .range([0, innerWidth]);
    const ticks = dayTicks(x, innerWidth);

    const headingLines = Math.max(...data.reported.map((s) => wrapText(panelHeading(s, data), Math.floor((colWidth - 16) / 7)).length));
    const panelHeight = headingLines * 17 + 14 + plotHeight + 30;
    data.reported.forEach((series, i) => {
      const col = i % cols;
      const row = Math.floor(i / cols);
      const g = svgElement(document, "g", { class: "panel", "data-metric": series.metric, transform: `translate(${(col * (colWidth + gap)).toFixed(1)},${(y + row * (panelHeight + 16)).toFixed(1)})` }, svg);
      drawReportedPanel(g, series, panelHeading(series, data), { colWidth, headingLines, innerWidth, plotHeight, margin, x, ticks });
    });
    y += Math.ceil(data.reported.length / cols) * (panelHeight + 16);
  }

  // Measured: daily series, or the honest note that there are none.
  section("Measured by the tracker (TikTok Research API)");
  if (data.measured.length === 0) {
    for (const text of wrapText(NO_MEASURED_TEXT, Math.floor(width / 8))) {
      y += 18;
      svgText(document, text, { x: 0, y, class: "empty", "font-size": 13 }, svg);
    }
    y += 8;
  } else {
    y = drawMeasured(svg, data, width, y, narrow);
  }

  frame.y = y + 6;
  frame.notes(
    `Source: ${publishers.size} news outlet${publishers.size === 1 ? "" : "s"} and websites, named on each mark (hover or tab to it); measured counts from the TikTok Research API. Posts, views, comments, discussions and "notes" count different things, so each has its own panel and scale. Triangles point to where the true value may lie ("at least"). ${asOfText(data.asOf)}${data.measuredAsOf ? ` Measured counts fetched ${formatDay(new Date(data.measuredAsOf))}.` : ""}`,
  );
  return frame.finish();

  function panelHeading(series: ReportedHashtagSeries, d: HashtagData): string {
    const many = new Set(d.reported.map((s) => `${s.platform}|${s.hashtag}`)).size > 1;
    const n = `${series.points.length} report${series.points.length === 1 ? "" : "s"}`;
    return many ? `${metricLabel(series.metric)}, ${series.hashtag} on ${platformLabel(series.platform)} · ${n}` : `${metricLabel(series.metric)} · ${n}`;
  }

  function drawReportedPanel(
    g: SVGGElement,
    series: ReportedHashtagSeries,
    heading: string,
    layout: {
      colWidth: number;
      headingLines: number;
      innerWidth: number;
      plotHeight: number;
      margin: { left: number; right: number };
      x: ScaleTime<number, number>;
      ticks: Date[];
    },
  ) {
    const { innerWidth, plotHeight, margin, x, ticks } = layout;
    const color = metricColor(series.metric);
    // Direct label: swatch in the metric's colour, words in the text colour (readable in both themes).
    svgElement(document, "rect", { x: 0, y: 5, width: 10, height: 10, rx: 2, fill: color }, g);
    wrapText(heading, Math.floor((layout.colWidth - 16) / 7)).forEach((text, i) => {
      svgText(document, text, { x: 16, y: 14 + i * 17, "font-weight": 600, "font-size": 13, class: "panel-heading" }, g);
    });
    const plot = svgElement(document, "g", { transform: `translate(${margin.left},${layout.headingLines * 17 + 14})` }, g);
    const values = series.points.flatMap((p) => [p.value, p.valueHigh ?? p.value]);
    const { scale, ticks: yTicks } = logScale(values, [plotHeight - 6, 6]);
    for (const t of yTicks) {
      svgElement(document, "line", { x1: 0, x2: innerWidth, y1: scale(t), y2: scale(t), stroke: "currentColor", "stroke-opacity": 0.12 }, plot);
    }
    select(svgElement(document, "g", { class: "axis y-axis" }, plot)).call(
      axisLeft(scale).tickValues(yTicks).tickFormat((t) => formatTick(+t)).tickSize(0).tickPadding(6),
    );
    select(svgElement(document, "g", { class: "axis x-axis", transform: `translate(0,${plotHeight})` }, plot)).call(
      axisBottom(x).tickValues(ticks).tickFormat((d) => formatShortDay(d as Date)).tickSizeOuter(0).tickSize(4),
    );
    drawTrend(plot, series, scale, x, color);
    const positions = drawPoints(plot, series, scale, x, color);
    drawValueLabels(plot, series, positions, innerWidth, layout.colWidth >= 300);
  }

  /** Direct labels on the lowest and highest undisputed reports: the range a reader should take away. */
  function drawValueLabels(plot: SVGGElement, series: ReportedHashtagSeries, positions: Map<string, [number, number]>, innerWidth: number, withPublisher: boolean) {
    const undisputed = series.points.filter((p) => !doubtful(p));
    // A panel of doubtful reports only still gets its numbers, marked as such.
    const kept = undisputed.length > 0 ? undisputed : series.points;
    const lowest = kept.reduce((a, b) => (b.value < a.value ? b : a));
    const highest = kept.reduce((a, b) => (b.value > a.value ? b : a));
    const chosen = lowest === highest ? [highest] : [lowest, highest];
    const boxes: [number, number, number, number][] = [];
    for (const p of chosen) {
      const at = positions.get(p.id);
      if (!at) continue;
      const text = `${shortValue(p)}${withPublisher ? ` ${p.publisher}` : ""}${doubtful(p) ? ` (${p.caveat})` : ""}`;
      const w = text.length * 6.6;
      // Right, left, then above or below the mark: the first place that covers no other mark or label.
      const candidates: { x: number; y: number; anchor: "start" | "end" }[] = [
        { x: at[0] + 9, y: at[1] + 4, anchor: "start" },
        { x: at[0] - 9, y: at[1] + 4, anchor: "end" },
        { x: at[0] - 4, y: at[1] + 19, anchor: "start" },
        { x: at[0] - 4, y: at[1] - 10, anchor: "start" },
      ];
      const box = (c: (typeof candidates)[number]): [number, number, number, number] =>
        c.anchor === "start" ? [c.x, c.y - 10, c.x + w, c.y + 3] : [c.x - w, c.y - 10, c.x, c.y + 3];
      const inside = (b: [number, number, number, number]) => b[0] >= -4 && b[2] <= innerWidth + 4;
      const hits = (b: [number, number, number, number]) =>
        [...positions.values()].filter(([mx, my]) => mx + 6 > b[0] && mx - 6 < b[2] && my + 6 > b[1] && my - 6 < b[3]).length +
        boxes.filter((o) => o[0] < b[2] && o[2] > b[0] && o[1] < b[3] && o[3] > b[1]).length * 2;
      const scored = candidates.filter((c) => inside(box(c))).map((c) => ({ c, hits: hits(box(c)) - (c.x === at[0] + 9 ? 0.5 : 0) }));
      if (scored.length === 0) continue;
      // Its own mark always counts once; prefer the right side on a tie.
      const best = scored.reduce((a, b) => (b.hits < a.hits ? b : a)).c;
      boxes.push(box(best));
      svgText(document, text, {
        x: best.x,
        y: best.y,
        "text-anchor": best.anchor,
        "font-size": 11,
        class: "value-label",
        "aria-hidden": "true",
        "pointer-events": "none",
        stroke: "var(--theme-background, #fff)",
        "stroke-width": 3,
        "paint-order": "stroke",
        "stroke-linejoin": "round",
      }, plot);
    }
  }

  function drawTrend(plot: SVGGElement, series: ReportedHashtagSeries, scale: ScaleLogarithmic<number, number>, x: ScaleTime<number, number>, color: string) {
    const byDay = new Map<string, number[]>();
    for (const p of series.points) {
      // Only day-dated, undisputed reports: a "week of" date or an outlier would bend the line.
      if (doubtful(p) || p.dateEnd || (p.precision !== "day" && p.precision !== "weekday-inferred")) continue;
      const list = byDay.get(p.date) ?? [];
      list.push(p.value);
      byDay.set(p.date, list);
    }
    if (byDay.size < 2) return;
    const points = [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, v]) => [x(noon(day)), scale(median(v))] as [number, number]);
    svgElement(document, "path", {
      d: line()(points) ?? undefined,
      class: "trend",
      "data-metric": series.metric,
      fill: "none",
      stroke: color,
      "stroke-width": 1.5,
      "stroke-opacity": 0.55,
      "aria-hidden": "true",
    }, plot);
  }

  function drawPoints(plot: SVGGElement, series: ReportedHashtagSeries, scale: ScaleLogarithmic<number, number>, x: ScaleTime<number, number>, color: string) {
    // Reports of nearly the same number on the same day would hide each other: spread them sideways.
    const positions = new Map<string, [number, number]>();
    const placed = new Map<string, number[]>();
    const sorted = [...series.points].sort((a, b) => (doubtful(a) === doubtful(b) ? 0 : doubtful(a) ? -1 : 1));
    for (const p of sorted) {
      const cy = scale(p.value);
      const key = `${p.date}|${p.dateEnd ?? ""}`;
      const ys = placed.get(key) ?? [];
      const index = ys.filter((other) => Math.abs(other - cy) < 9).length;
      ys.push(cy);
      placed.set(key, ys);
      const cx = x(midpoint(p)) + (index % 2 === 1 ? 1 : -1) * Math.ceil(index / 2) * 7;
      positions.set(p.id, [cx, cy]);
      const link = sourceLink(document, plot, p.url, reportedTooltip(series, p));
      if (p.dateEnd && p.dateEnd !== p.date) {
        svgElement(document, "line", { x1: x(dayToDate(p.date)), x2: x(new Date(dayToDate(p.dateEnd).getTime() + DAY)), y1: cy, y2: cy, stroke: color, "stroke-width": 2, "stroke-opacity": 0.5 }, link);
      }
      if (p.qualifier === "range" && p.valueHigh !== undefined) {
        svgElement(document, "line", { x1: cx, x2: cx, y1: cy, y2: scale(p.valueHigh), stroke: color, "stroke-width": 2 }, link);
      }
      // qualifierShape returns a filled circle whenever towardTop is undefined, "about" included:
      // pass a direction for "about" too so it gets its ring.
      const towardTop = p.qualifier === "at-least" || p.qualifier === "about" ? true : p.qualifier === "at-most" ? false : undefined;
      const shape = qualifierShape(p.qualifier, towardTop, 5);
      const faint = doubtful(p);
      svgElement(document, shape.tag, {
        ...shape.attrs,
        class: `mark${p.caveat ? ` caveat-${p.caveat}` : ""}`,
        "data-id": p.id,
        "data-metric": series.metric,
        transform: `translate(${cx.toFixed(1)},${cy.toFixed(1)})`,
        fill: color,
        stroke: color,
        "fill-opacity": shape.attrs["fill-opacity"] ?? (faint ? 0.25 : 0.9),
        "stroke-opacity": faint ? 0.6 : undefined,
        "stroke-dasharray": faint ? "2 2" : undefined,
      }, link);
    }
    return positions;
  }

  function drawMeasured(root: SVGSVGElement, d: HashtagData, w: number, top: number, isNarrow: boolean): number {
    let yy = top;
    const margin = { left: 44, right: isNarrow ? 70 : 110 };
    const innerWidth = Math.max(80, w - margin.left - margin.right);
    const plotHeight = isNarrow ? 120 : 150;
    const starts = d.measured.map((s) => dayToDate(s.start).getTime());
    const ends = d.measured.map((s) => dayToDate(s.start).getTime() + s.values.length * DAY);
    const x = scaleUtc().domain([new Date(Math.min(...starts)), new Date(Math.max(...ends))]).range([0, innerWidth]);
    const tags = [...new Set(d.measured.map((s) => `${s.platform}|${s.hashtag}`))];
    const tagColor = (s: MeasuredHashtagSeries) => HASHTAG_COLORS[tags.indexOf(`${s.platform}|${s.hashtag}`) % HASHTAG_COLORS.length]!;
    for (const metric of ["videos", "views"] as const) {
      const series = d.measured.filter((s) => s.metric === metric);
      if (series.length === 0) continue;
      yy += 18;
      svgText(document, metric === "videos" ? "Videos posted per day with the hashtag (log scale)" : "Views of those videos, summed when fetched (log scale)", { x: 0, y: yy, "font-weight": 600, "font-size": 13, class: "panel-heading" }, root);
      yy += 12;
      const plot = svgElement(document, "g", { class: "panel measured", "data-metric": metric, transform: `translate(${margin.left},${yy})` }, root);
      const { scale, ticks } = logScale(series.flatMap((s) => s.values.filter((v): v is number => v !== null)), [plotHeight - 4, 4]);
      for (const t of ticks) svgElement(document, "line", { x1: 0, x2: innerWidth, y1: scale(t), y2: scale(t), stroke: "currentColor", "stroke-opacity": 0.12 }, plot);
      select(svgElement(document, "g", { class: "axis y-axis" }, plot)).call(axisLeft(scale).tickValues(ticks).tickFormat((t) => formatTick(+t)).tickSize(0).tickPadding(6));
      select(svgElement(document, "g", { class: "axis x-axis", transform: `translate(0,${plotHeight})` }, plot)).call(
        axisBottom(x).ticks(Math.max(2, Math.floor(innerWidth / 80))).tickSizeOuter(0).tickSize(4),
      );
      const labelYs: number[] = [];
      for (const s of series) {
        const start = dayToDate(s.start).getTime();
        const pts: [number, number | null][] = s.values.map((v, i) => [x(new Date(start + i * DAY + DAY / 2)), v !== null && v > 0 ? scale(v) : null]);
        const color = tagColor(s);
        const link = sourceLink(document, plot, d.measuredSourceUrl, measuredTooltip(s));
        const path = line<[number, number | null]>()
          .defined((p) => p[1] !== null)
          .x((p) => p[0])
          .y((p) => p[1] ?? 0)(pts);
        svgElement(document, "path", { d: path ?? undefined, class: "mark measured-line", "data-metric": metric, fill: "none", stroke: color, "stroke-width": 1.75 }, link);
        const lastPoint = [...pts].reverse().find((p) => p[1] !== null);
        if (lastPoint) {
          svgElement(document, "circle", { class: "mark end", cx: lastPoint[0], cy: lastPoint[1]!, r: 3.5, fill: color }, link);
          let ly = lastPoint[1]! + 4;
          while (labelYs.some((o) => Math.abs(o - ly) < 13)) ly += 13;
          labelYs.push(ly);
          svgText(document, `#${s.hashtag}`, { x: lastPoint[0] + 6, y: ly, "font-size": 11.5, "aria-hidden": "true", "pointer-events": "none" }, plot);
        }
      }
      yy += plotHeight + 24;
    }
    return yy;
  }
}
