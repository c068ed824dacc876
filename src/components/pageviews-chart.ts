/**
 * Attention on Wikipedia: daily views of the story's articles by people (agent=user), one panel
 * per article on one shared log scale, so a tenfold jump looks the same in every panel, with the
 * story's events marked above and key events ruled through the panels. Each line and each peak
 * links to the article's numbers in Wikimedia's pageviews tool; each event to its source.
 */
import { axisBottom, axisLeft } from "d3-axis";
import { scaleLog, scaleUtc } from "d3-scale";
import { select } from "d3-selection";
import { line } from "d3-shape";
import { asOfText, createFrame, type ChartOptions } from "./chart-frame.js";
import type { AttentionEvent, PageviewSeries, PageviewsData } from "./attention-types.js";
import { DAY, dayToDate, formatCount, formatDate, formatDay, formatTick } from "./format.js";
import { logDomain, logTicks } from "./log-axis.js";
import { sourceLink, svgElement, svgText, wrapText } from "./svg.js";

const LINE_COLOR = "#3b78c2";
const PEAK_COLOR = "#e03c4f";

export function refreshCommand(): string {
  return "npm run refresh -- --source wikipedia-pageviews";
}

export function emptyText(data: PageviewsData): string {
  return `No page views stored yet: the first ${refreshCommand()} back-fills daily views from ${data.backfillStart}.`;
}

/** How many times its 2024 median a peak was, rounded for reading: 240, 12, 3.4. */
export function peakRatio(s: PageviewSeries): number | null {
  if (!s.peak || s.baseline === null || s.baseline <= 0) return null;
  const r = s.peak.views / s.baseline;
  return r >= 10 ? Math.round(r) : Math.round(r * 10) / 10;
}

/** "Attention peak vs 2024 baseline", one sentence per article; empty when nothing is stored. */
export function attentionSentences(data: PageviewsData): string[] {
  return data.series.flatMap((s) => {
    if (!s.peak) return [];
    const ratio = peakRatio(s);
    const peak = `${s.label}: busiest day ${formatDay(dayToDate(s.peak.date))}, with ${formatCount(s.peak.views)} views`;
    if (ratio === null) return [`${peak}. Too few days of 2024 are stored for a baseline.`];
    return [`${peak}, ${ratio} times its 2024 median of ${formatCount(Math.round(s.baseline!))} a day.`];
  });
}

function seriesEnd(s: PageviewSeries): string {
  const step = s.step === "week" ? 7 : 1;
  return new Date(dayToDate(s.start).getTime() + (s.values.length - 1) * step * DAY + (step - 1) * DAY).toISOString().slice(0, 10);
}

export function lineTooltip(s: PageviewSeries): string {
  const per = s.step === "week" ? "Weekly means of daily views" : "Daily views";
  const peak = s.peak ? ` Busiest day: ${formatDay(dayToDate(s.peak.date))}, ${formatCount(s.peak.views)} views.` : "";
  const base = s.baseline !== null ? ` 2024 median: ${formatCount(Math.round(s.baseline))} a day.` : "";
  return `${s.label}. ${per} by people, ${formatDay(dayToDate(s.start))} to ${formatDay(dayToDate(seriesEnd(s)))}.${peak}${base} Source: Wikimedia pageviews API, fetched ${formatDay(new Date(s.retrievedAt))}.`;
}

export function peakTooltip(s: PageviewSeries): string {
  const ratio = peakRatio(s);
  return `${s.label}: ${formatCount(s.peak!.views)} views on ${formatDay(dayToDate(s.peak!.date))}, the busiest day stored${ratio !== null ? `, ${ratio} times its 2024 median` : ""}. Source: Wikimedia pageviews API.`;
}

export function eventTooltip(e: AttentionEvent): string {
  return `${formatDate(e.date, e.precision, e.dateEnd)}: ${e.title}. Source: ${e.publisher}.`;
}

export function describePageviews(data: PageviewsData): string {
  if (data.series.length === 0) return emptyText(data);
  const parts = attentionSentences(data);
  if (data.events.length > 0) parts.push(`${data.events.length} events from the timeline are marked.`);
  return parts.join(" ");
}

const midday = (day: string) => new Date(dayToDate(day).getTime() + DAY / 2);

export function pageviewsChart(data: PageviewsData, { width, document }: ChartOptions): SVGSVGElement {
  const narrow = width < 560;
  const frame = createFrame({
    document,
    width,
    id: "pageviews-chart",
    title: "Who looked it up on Wikipedia",
    subtitle: "Daily views of the story's Wikipedia articles by people, not bots, on one shared log scale, with the story's events. Each line links to its numbers.",
    description: describePageviews(data),
  });
  const { svg } = frame;
  let y = frame.y;

  if (data.series.length === 0) {
    // The command on a line of its own, in monospace, so it reads (and copies) whole.
    const box = svgElement(document, "g", { class: "empty-state" }, svg);
    const lines = [
      ...wrapText("No page views stored yet.", Math.floor((width - 24) / 7.5)).map((t) => ({ t, mono: false, bold: true, indent: false })),
      ...wrapText(`The first run of this command back-fills daily views from ${formatDay(dayToDate(data.backfillStart))} (${data.backfillStart}):`, Math.floor((width - 24) / 7.5)).map((t) => ({ t, mono: false, bold: false, indent: false })),
      ...(width - 24 >= refreshCommand().length * 6.7 ? [refreshCommand()] : ["npm run refresh --", "--source wikipedia-pageviews"]).map((t, i) => ({ t, mono: true, bold: false, indent: i > 0 })),
    ];
    svgElement(document, "rect", { x: 0, y: y + 4, width, height: lines.length * 19 + 18, rx: 4, fill: "currentColor", "fill-opacity": 0.05, stroke: "currentColor", "stroke-opacity": 0.2 }, box);
    y += 6;
    for (const { t, mono, bold, indent } of lines) {
      y += 19;
      svgText(document, t, {
        x: indent ? 28 : 12,
        y,
        "font-size": mono ? 11 : 13,
        "font-family": mono ? "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace" : undefined,
        "font-weight": bold ? 600 : undefined,
        class: mono ? "empty command" : "empty",
      }, box);
    }
    y += 22;
    frame.y = y;
    frame.notes(`Source: Wikimedia pageviews API (agent=user). ${asOfText(data.asOf)}`);
    return frame.finish();
  }

  const margin = { left: 44, right: narrow ? 8 : 16 };
  const innerWidth = Math.max(120, width - margin.left - margin.right);
  const starts = data.series.map((s) => dayToDate(s.start).getTime());
  const ends = data.series.map((s) => dayToDate(seriesEnd(s)).getTime() + DAY);
  const x = scaleUtc().domain([new Date(Math.min(...starts)), new Date(Math.max(...ends))]).range([0, innerWidth]);
  const allValues = data.series.flatMap((s) => [...s.values.filter((v): v is number => v !== null), s.peak?.views ?? 0]);
  const domain = logDomain(allValues);
  let ticks = logTicks(domain).filter((t) => Math.log10(t) % 1 === 0);
  const plotHeight = narrow ? 72 : 96;
  if (ticks.length > 4) ticks = ticks.filter((t, i) => (ticks.length - 1 - i) % 2 === 0);
  const yScale = scaleLog().domain(domain).range([plotHeight - 2, 2]);

  // Events: a marker each, with labels for key events on wide charts, stacked so none overlap.
  y += 8;
  const strip = svgElement(document, "g", { class: "events", transform: `translate(${margin.left},${y})` }, svg);
  const rowEnds: number[] = [];
  const labelled: AttentionEvent[] = [];
  for (const e of data.events) {
    const ex = x(midday(e.date));
    if (e.label && !narrow) {
      const labelWidth = e.label.length * 6.2 + 8;
      const anchorEnd = ex + labelWidth > innerWidth;
      const left = anchorEnd ? ex - labelWidth : ex;
      let row = rowEnds.findIndex((end) => end < left);
      if (row === -1) row = rowEnds.push(0) - 1;
      rowEnds[row] = left + labelWidth;
      labelled.push(e);
      const g = svgElement(document, "g", { "aria-hidden": "true", "pointer-events": "none" }, strip);
      svgText(document, e.label, { x: anchorEnd ? ex - 3 : ex + 3, y: 10 + row * 14, "text-anchor": anchorEnd ? "end" : "start", "font-size": 10.5 }, g);
      svgElement(document, "line", { x1: ex, x2: ex, y1: 13 + row * 14, y2: 0, stroke: "currentColor", "stroke-opacity": 0.35 }, g);
    } else if (e.label) labelled.push(e);
  }
  const markerY = rowEnds.length * 14 + 8;
  strip.querySelectorAll("line").forEach((l) => l.setAttribute("y2", String(markerY - 5)));
  for (const e of data.events) {
    const link = sourceLink(document, strip, e.url, eventTooltip(e));
    svgElement(document, "path", { d: "M0,-5L5,0L0,5L-5,0Z", class: "mark event-mark", transform: `translate(${x(midday(e.date)).toFixed(1)},${markerY})`, fill: "currentColor", "fill-opacity": e.label ? 0.8 : 0.45 }, link);
  }
  y += markerY + 10;

  const path = line<[number, number | null]>()
    .defined((p) => p[1] !== null)
    .x((p) => p[0])
    .y((p) => p[1] ?? 0);
  data.series.forEach((s, index) => {
    const ratio = peakRatio(s);
    const heading = `${s.label}${s.peak ? ` · peak ${formatTick(s.peak.views)} on ${formatDay(dayToDate(s.peak.date))}${ratio !== null ? `, ${ratio}× its 2024 median` : ""}` : ""}`;
    for (const text of wrapText(heading, Math.floor(width / 7.6))) {
      y += 17;
      svgText(document, text, { x: 0, y, "font-size": 12.5, "font-weight": 600, class: "panel-heading" }, svg);
    }
    y += 6;
    const g = svgElement(document, "g", { class: "panel", transform: `translate(${margin.left},${y})` }, svg);
    for (const t of ticks) svgElement(document, "line", { x1: 0, x2: innerWidth, y1: yScale(t), y2: yScale(t), stroke: "currentColor", "stroke-opacity": 0.12 }, g);
    for (const e of labelled) {
      const ex = x(midday(e.date));
      svgElement(document, "line", { x1: ex, x2: ex, y1: 0, y2: plotHeight, stroke: "currentColor", "stroke-opacity": 0.22, "stroke-dasharray": "2 3", "aria-hidden": "true" }, g);
    }
    if (s.baseline !== null && s.baseline > 0) {
      const by = yScale(s.baseline);
      svgElement(document, "line", { x1: x(dayToDate("2024-01-01")), x2: x(dayToDate("2025-01-01")), y1: by, y2: by, stroke: "currentColor", "stroke-width": 1.5, "stroke-opacity": 0.55, class: "baseline", "aria-hidden": "true" }, g);
    }
    select(svgElement(document, "g", { class: "axis y-axis" }, g)).call(axisLeft(yScale).tickValues(ticks).tickFormat((t) => formatTick(+t)).tickSize(0).tickPadding(6));
    const stepMs = (s.step === "week" ? 7 : 1) * DAY;
    const start = dayToDate(s.start).getTime();
    const points = s.values.map((v, i) => [x(new Date(start + i * stepMs + stepMs / 2)), v !== null && v > 0 ? yScale(v) : null] as [number, number | null]);
    const link = sourceLink(document, g, s.url, lineTooltip(s));
    svgElement(document, "path", { d: path(points) ?? undefined, class: "mark pageviews-line", fill: "none", stroke: LINE_COLOR, "stroke-width": 1.25, "stroke-linejoin": "round" }, link);
    if (s.peak) {
      const peakLink = sourceLink(document, g, s.url, peakTooltip(s));
      const px = x(midday(s.peak.date));
      const py = yScale(Math.max(1, s.peak.views));
      svgElement(document, "circle", { class: "mark peak", cx: px.toFixed(1), cy: py.toFixed(1), r: 4, fill: PEAK_COLOR, stroke: "var(--theme-background, #fff)", "stroke-width": 1.5 }, peakLink);
    }
    if (index === data.series.length - 1) {
      select(svgElement(document, "g", { class: "axis x-axis", transform: `translate(0,${plotHeight})` }, g)).call(
        axisBottom(x).ticks(Math.max(3, Math.floor(innerWidth / 90))).tickSizeOuter(0),
      );
      y += 22;
    } else {
      svgElement(document, "line", { x1: 0, x2: innerWidth, y1: plotHeight, y2: plotHeight, stroke: "currentColor", "stroke-opacity": 0.4 }, g);
    }
    y += plotHeight + 6;
  });

  frame.y = y + 8;
  const weekly = data.series.some((s) => s.step === "week") ? " Long series are shown as weekly means." : "";
  frame.notes(
    `Source: Wikimedia pageviews API (agent=user), via the tracker's loader; events from the tracker's timeline, each linked to its source. Red dots: busiest day. Short flat line: 2024 median.${weekly} ${asOfText(data.asOf)}`,
  );
  return frame.finish();
}
