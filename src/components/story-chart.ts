/**
 * The home page's annotated story: reported US App Store ranks of the story's apps (rank axis
 * inverted) above reported "TikTok refugee" view counts on Xiaohongshu (log scale), with the
 * story's events marked between them. Every mark links to its source.
 */
import { extent, max } from "d3-array";
import { axisBottom, axisLeft } from "d3-axis";
import { scaleLinear, scaleLog, scaleUtc, type ScaleContinuousNumeric } from "d3-scale";
import { select } from "d3-selection";
import { utcWeek } from "d3-time";
import { DAY, dayToDate, formatCount, formatDate, formatDay, formatShortDay, formatTick, qualify } from "./format.js";
import { asOfText, createFrame, qualifierLegend, qualifierShape, type ChartOptions } from "./chart-frame.js";
import type { RankPoint, ReportedPoint, StoryData, StoryEvent } from "./story-types.js";
import { sourceLink, svgElement, svgText, wrapText } from "./svg.js";

function midpoint(point: { date: string; dateEnd?: string }): Date {
  const start = dayToDate(point.date).getTime() + DAY / 2;
  const end = point.dateEnd ? dayToDate(point.dateEnd).getTime() + DAY / 2 : start;
  return new Date((start + end) / 2);
}

function sourceText(p: { publisher: string; via?: string }): string {
  return `Source: ${p.publisher}${p.via ? `, read on ${p.via}` : ""}.`;
}

export function rankTooltip(p: RankPoint, appName: string): string {
  const rank = qualify(p.qualifier, `#${p.value}`, p.valueHigh !== undefined ? `#${p.valueHigh}` : undefined);
  return `${appName}: ${rank} among free iPhone apps in the US App Store, ${formatDate(p.date, p.precision, p.dateEnd)}. ${sourceText(p)}${p.note ? ` ${p.note}` : ""}`;
}

export function viewsTooltip(p: ReportedPoint): string {
  const value = qualify(p.qualifier, formatCount(p.value), p.valueHigh !== undefined ? formatCount(p.valueHigh) : undefined);
  return `"TikTok refugee" on Xiaohongshu: ${value} views, ${formatDate(p.date, p.precision, p.dateEnd)}. ${sourceText(p)}${p.note ? ` ${p.note}` : ""}`;
}

export function eventTooltip(e: StoryEvent): string {
  return `${formatDate(e.date, e.precision, e.dateEnd)}: ${e.title}. Source: ${e.publisher}.`;
}

/** A sentence or three a screen reader can say instead of the picture, computed from the data. */
export function describeStory(data: StoryData): string {
  const parts: string[] = [];
  for (const app of data.apps) {
    const points = data.ranks.filter((r) => r.app === app.key);
    if (points.length === 0) continue;
    const firsts = points.filter((r) => r.value === 1 && r.qualifier === "exact").sort((a, b) => (a.date < b.date ? -1 : 1));
    if (firsts.length > 0) {
      const from = formatDay(dayToDate(firsts[0]!.date));
      const to = formatDay(dayToDate(firsts.at(-1)!.dateEnd ?? firsts.at(-1)!.date));
      parts.push(
        from === to
          ? `${app.name} was reported #1 in the US App Store's free apps on ${from}.`
          : `${app.name} was reported #1 in the US App Store's free apps between ${from} and ${to} (${firsts.length} reports).`,
      );
    } else {
      const best = points.reduce((a, b) => (b.value < a.value ? b : a));
      parts.push(`${app.name}'s best reported rank was ${qualify(best.qualifier, `#${best.value}`)} on ${formatDay(dayToDate(best.date))}.`);
    }
  }
  const views = [...data.views].filter((v) => v.caveat !== "outlier").sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.value - b.value));
  if (views.length >= 2) {
    const first = views[0]!;
    const last = views.at(-1)!;
    parts.push(
      `Reported views of "TikTok refugee" posts on Xiaohongshu went from ${qualify(first.qualifier, formatCount(first.value))} on ${formatDay(dayToDate(first.date))} to ${qualify(last.qualifier, formatCount(last.value))} on ${formatDay(dayToDate(last.date))}.`,
    );
  }
  if (data.events.length > 0) parts.push(`${data.events.length} events are marked, from ${data.events.map((e) => e.title).slice(0, 3).join("; ")} onward.`);
  return parts.join(" ");
}

export function storyChart(data: StoryData, { width, document }: ChartOptions): SVGSVGElement {
  const narrow = width < 560;
  const margin = { left: narrow ? 42 : 56, right: narrow ? 10 : 20 };
  const innerWidth = Math.max(120, width - margin.left - margin.right);
  const frame = createFrame({
    document,
    width,
    id: "story-chart",
    title: "How American TikTok users reached RedNote",
    subtitle: "App Store ranks and hashtag view counts reported by news outlets, with the story's events. Each mark links to its source.",
    description: describeStory(data),
  });
  const svg = frame.svg;
  const appNames = new Map(data.apps.map((a) => [a.key, a]));
  frame.legendRow(data.apps.map((a) => ({ label: a.name, draw: (g) => void svgElement(document, "circle", { r: 5, fill: a.color }, g) })));
  frame.legendRow(qualifierLegend(document));
  let y = frame.y;

  const start = dayToDate(data.window.start);
  const end = new Date(dayToDate(data.window.end).getTime() + DAY);
  const xScale = scaleUtc().domain([start, end]).range([0, innerWidth]);

  const panel = (heading: string, height: number) => {
    y += 12;
    for (const line of wrapText(heading, Math.floor(width / 8.5))) {
      y += 17;
      svgText(document, line, { x: 0, y, "font-weight": 600, "font-size": 13 }, svg);
    }
    y += 12;
    const g = svgElement(document, "g", { transform: `translate(${margin.left},${y})` }, svg);
    y += height;
    return g;
  };

  const drawPoints = <P extends ReportedPoint>(
    g: SVGGElement,
    points: P[],
    yScale: ScaleContinuousNumeric<number, number>,
    inverted: boolean,
    color: (p: P) => string,
    tooltip: (p: P) => string,
  ) => {
    // Reports of the same value on the same day would hide each other: spread them sideways.
    const seen = new Map<string, number>();
    for (const p of points) {
      const key = `${color(p)}|${p.date}|${p.value}`;
      const index = seen.get(key) ?? 0;
      seen.set(key, index + 1);
      const cx = xScale(midpoint(p)) + (index % 2 === 0 ? 1 : -1) * Math.ceil(index / 2) * 6;
      const cy = yScale(p.value);
      const link = sourceLink(document, g, p.url, tooltip(p));
      if (p.dateEnd && p.dateEnd !== p.date) {
        svgElement(document, "line", {
          x1: xScale(dayToDate(p.date)),
          x2: xScale(new Date(dayToDate(p.dateEnd).getTime() + DAY)),
          y1: cy,
          y2: cy,
          stroke: color(p),
          "stroke-width": 2,
          "stroke-opacity": 0.5,
        }, link);
      }
      if (p.qualifier === "range" && p.valueHigh !== undefined) {
        svgElement(document, "line", { x1: cx, x2: cx, y1: cy, y2: yScale(p.valueHigh), stroke: color(p), "stroke-width": 2 }, link);
      }
      const towardTop = p.qualifier === "at-least" ? !inverted : p.qualifier === "at-most" ? inverted : undefined;
      const shape = qualifierShape(p.qualifier, towardTop, 5);
      // Read on a copy is normal here; weak or implausible numbers are drawn faint so they do not carry the eye.
      const doubtful = p.caveat === "weak" || p.caveat === "outlier";
      svgElement(document, shape.tag, {
        ...shape.attrs,
        class: `mark${p.caveat ? ` caveat-${p.caveat}` : ""}`,
        "data-id": p.id,
        transform: `translate(${cx.toFixed(1)},${cy.toFixed(1)})`,
        fill: color(p),
        stroke: color(p),
        "fill-opacity": shape.attrs["fill-opacity"] ?? (doubtful ? 0.3 : 0.9),
        "stroke-dasharray": doubtful ? "2 2" : undefined,
      }, link);
    }
  };

  const grid = (g: SVGGElement, ticks: number[], yScale: (v: number) => number) => {
    for (const t of ticks) {
      svgElement(document, "line", { x1: 0, x2: innerWidth, y1: yScale(t), y2: yScale(t), stroke: "currentColor", "stroke-opacity": 0.12 }, g);
    }
  };

  // Panel 1: ranks.
  const rankHeight = narrow ? 150 : 180;
  const rankPanel = panel("Reported rank among free iPhone apps, US (1 = top)", rankHeight);
  if (data.ranks.length === 0) {
    svgText(document, "No reported ranks in this period yet.", { x: innerWidth / 2, y: rankHeight / 2, "text-anchor": "middle" }, rankPanel);
  } else {
    const worst = Math.max(10, max(data.ranks, (r) => r.valueHigh ?? r.value) ?? 10);
    const rankScale = scaleLinear().domain([1, worst]).range([8, rankHeight - 8]);
    const rankTicks = [1, ...rankScale.ticks(4).filter((t) => t > 1 && Number.isInteger(t))];
    grid(rankPanel, rankTicks, rankScale);
    const axis = select(svgElement(document, "g", { class: "axis" }, rankPanel));
    axis.call(axisLeft(rankScale).tickValues(rankTicks).tickFormat((t) => `#${t}`).tickSize(0).tickPadding(8));
    drawPoints(rankPanel, data.ranks, rankScale, true, (p) => appNames.get(p.app)?.color ?? "currentColor", (p) => rankTooltip(p, appNames.get(p.app)?.name ?? p.app));
  }

  // Events between the panels: a marker per event; on wide charts the key events get labels,
  // stacked in rows so no two overlap.
  y += 14;
  const eventRow = svgElement(document, "g", { transform: `translate(${margin.left},${y})`, class: "events" }, svg);
  const rowEnds: number[] = [];
  for (const e of data.events) {
    const ex = xScale(midpoint(e));
    const link = sourceLink(document, eventRow, e.url, eventTooltip(e));
    svgElement(document, "path", { d: "M0,-5L5,0L0,5L-5,0Z", class: "mark event-mark", transform: `translate(${ex.toFixed(1)},8)`, fill: "currentColor", "fill-opacity": 0.7 }, link);
    if (narrow || !e.label) continue;
    const labelWidth = e.label.length * 6 + 8;
    const anchorEnd = ex + labelWidth > innerWidth;
    const left = anchorEnd ? ex - labelWidth : ex;
    let row = rowEnds.findIndex((end) => end < left);
    if (row === -1) row = rowEnds.push(0) - 1;
    rowEnds[row] = left + labelWidth;
    const ly = 26 + row * 14;
    // The label repeats what the marker's link already says, so assistive technology skips it.
    const label = svgElement(document, "g", { "aria-hidden": "true" }, eventRow);
    svgElement(document, "line", { x1: ex, x2: ex, y1: 13, y2: ly - 9, stroke: "currentColor", "stroke-opacity": 0.35 }, label);
    svgText(document, e.label, { x: anchorEnd ? ex - 3 : ex + 3, y: ly, "text-anchor": anchorEnd ? "end" : "start", "font-size": 10.5 }, label);
  }
  const stripHeight = 20 + rowEnds.length * 14;
  y += stripHeight;

  // Panel 2: views on a log scale.
  const viewsHeight = narrow ? 150 : 180;
  const viewsPanel = panel('Reported views of "TikTok refugee" posts on Xiaohongshu (log scale)', viewsHeight);
  if (data.views.length < 2) {
    svgText(document, "Too few reported counts to draw a trend.", { x: innerWidth / 2, y: viewsHeight / 2, "text-anchor": "middle" }, viewsPanel);
  }
  if (data.views.length > 0) {
    const [lo, hi] = extent(data.views.flatMap((v) => [v.value, v.valueHigh ?? v.value])) as [number, number];
    const viewScale = scaleLog().domain([Math.min(lo, 1e7), Math.max(hi, 1e9)]).nice().range([viewsHeight - 8, 8]);
    const viewTicks = viewScale.ticks().filter((t) => Math.log10(t) % 1 === 0);
    grid(viewsPanel, viewTicks, viewScale);
    select(svgElement(document, "g", { class: "axis" }, viewsPanel)).call(axisLeft(viewScale).tickValues(viewTicks).tickFormat((t) => formatTick(+t)).tickSize(0).tickPadding(8));
    const red = appNames.get("xiaohongshu")?.color ?? "currentColor";
    drawPoints(viewsPanel, data.views, viewScale, false, () => red, viewsTooltip);
  }

  // Shared time axis.
  const axisG = svgElement(document, "g", { class: "axis time-axis", transform: `translate(${margin.left},${y + 4})` }, svg);
  select(axisG).call(axisBottom(xScale).ticks(innerWidth < 360 ? utcWeek.every(2)! : utcWeek).tickFormat((d) => formatShortDay(d as Date)).tickSizeOuter(0));
  y += 30;

  const publishers = new Set([...data.ranks, ...data.views].map((p) => p.publisher));
  frame.y = y;
  frame.notes(
    `Source: ${publishers.size} news outlets and data firms, named on each mark (hover or tab to it); events from the tracker's timeline. Triangles point to where the true value may lie ("at least", "top 5"). Faint, dashed marks come from weak sources or look implausible beside the others. ${asOfText(data.asOf)}`,
  );
  return frame.finish();
}
