/**
 * Rank over time of the tracked apps in one country (`rankChart`) and across countries
 * (`smallMultiples`). The rank axis is inverted and logarithmic (#1 on top, the top places get
 * the room). Measured ranks (our daily chart snapshots) are lines with a dot per day; a day the
 * app was not in the chart is drawn in a band below the chart's last rank, never as a made-up
 * rank. Reported ranks are symbols shaped by how exact the source was, never joined by a line.
 * Periods an app was out of the store are shaded, linked to the events that date them.
 */
import { axisBottom, axisLeft } from "d3-axis";
import { scaleLog, scaleUtc, type ScaleLogarithmic, type ScaleTime } from "d3-scale";
import { select } from "d3-selection";
import { utcDay, utcMonth, utcWeek, utcYear } from "d3-time";
import { utcFormat } from "d3-time-format";
import { asOfText, createFrame, qualifierLegend, qualifierShape, type LegendItem } from "./chart-frame.js";
import { countryName, countryPhrase, countryShort } from "./countries.js";
import { DAY, dayToDate, formatDate, formatDay, formatShortDay, qualify } from "./format.js";
import type { MeasuredChart, RankingsData, ReportedRank, StoreAbsence, StoreName } from "./rank-types.js";
import { sourceLink, svgElement, svgText, wrapText } from "./svg.js";

export type Period = "migration" | "measured" | "all";

export interface RankChartOptions {
  width: number;
  document: Document;
  /** Storefront code, e.g. "us". */
  country: string;
  /** Which stretch of time to show; defaults to `defaultPeriod(data)`. */
  period?: Period;
  /** Unique on a page; defaults to "rank-chart". */
  id?: string;
  /**
   * false: drawn for print (a page's HTML before its script, an image), where the invisible hover
   * targets on dense measured lines would be years of markup doing nothing. Default true.
   */
  interactive?: boolean;
}

export interface SmallMultiplesOptions {
  width: number;
  document: Document;
  period?: Period;
  id?: string;
  /** As in RankChartOptions. */
  interactive?: boolean;
}

/** The weeks of the migration, from the week before RedNote's first #1 to TikTok's return. */
export const MIGRATION_WINDOW = { start: "2025-01-06", end: "2025-02-23" };
const STORE_ORDER: StoreName[] = ["app-store", "google-play"];
/** Rank-axis ticks on the log scale. */
const RANK_TICKS = [1, 2, 5, 10, 20, 50, 100, 200, 500];
/** More measured days than this in view and the daily dots become hover targets only. */
const DENSE_DAYS = 60;

export const PERIOD_LABELS: Record<Period, string> = {
  migration: "Jan–Feb 2025: the migration",
  measured: "Since our measuring began",
  all: "Everything",
};

/** The periods worth offering: "measured" only once there is something measured. */
export function availablePeriods(data: RankingsData): Period[] {
  return data.measured.length > 0 ? ["measured", "migration", "all"] : ["migration", "all"];
}

export function defaultPeriod(data: RankingsData): Period {
  return data.measured.length > 0 ? "measured" : "migration";
}

// ---------------------------------------------------------------------------------------------
// Data helpers

interface MeasuredPoint {
  app: string;
  day: string;
  /** The day's start, in ms. */
  time: number;
  rank: number | null;
  size: number;
}

const dayMs = (day: string) => dayToDate(day).getTime();
const dayAfter = (day: string) => new Date(dayMs(day) + DAY);

function reportedMid(p: { date: string; dateEnd?: string }): Date {
  const start = dayMs(p.date) + DAY / 2;
  const end = p.dateEnd ? dayMs(p.dateEnd) + DAY / 2 : start;
  return new Date((start + end) / 2);
}

/** The top-free chart we measured for a store and country, if any. */
function measuredChart(data: RankingsData, store: StoreName, country: string): MeasuredChart | undefined {
  return data.measured.find((m) => m.store === store && m.country === country && m.chart === "top-free");
}

/** Each chart's day times and points, made once: years of days are drawn in several panels and widths. */
const dayTimesOf = new WeakMap<MeasuredChart, number[]>();
const pointsOf = new WeakMap<MeasuredChart, Map<string, MeasuredPoint[]>>();

function chartTimes(chart: MeasuredChart): number[] {
  let times = dayTimesOf.get(chart);
  if (!times) dayTimesOf.set(chart, (times = chart.days.map(dayMs)));
  return times;
}

function measuredPoints(chart: MeasuredChart | undefined, app: string): MeasuredPoint[] {
  const ranks = chart?.ranks[app];
  if (!chart || !ranks) return [];
  let byApp = pointsOf.get(chart);
  if (!byApp) pointsOf.set(chart, (byApp = new Map()));
  let points = byApp.get(app);
  if (!points) {
    const times = chartTimes(chart);
    byApp.set(app, (points = chart.days.map((day, i) => ({ app, day, time: times[i]!, rank: ranks[i] ?? null, size: chart.sizes[i] ?? 0 }))));
  }
  return points;
}

/** The points of `app` in the window. */
function pointsIn(w: TimeWindow, chart: MeasuredChart | undefined, app: string): MeasuredPoint[] {
  const [lo, hi] = [w.start.getTime(), w.end.getTime()];
  return measuredPoints(chart, app).filter((p) => p.time >= lo && p.time < hi);
}

/** How many of the chart's days are in the window. */
function daysIn(w: TimeWindow, chart: MeasuredChart): number {
  const [lo, hi] = [w.start.getTime(), w.end.getTime()];
  return chartTimes(chart).filter((t) => t >= lo && t < hi).length;
}

interface TimeWindow {
  start: Date;
  end: Date;
}

function inWindow(w: TimeWindow, start: Date, end: Date = start): boolean {
  return end >= w.start && start < w.end;
}

/** The time window of a period, for one country or (country undefined) for all of them. */
export function periodWindow(data: RankingsData, period: Period, country?: string): TimeWindow {
  const mine = <T extends { country: string }>(list: readonly T[]) => (country ? list.filter((x) => x.country === country) : list);
  const measuredDays = mine(data.measured).flatMap((m) => m.days);
  const padded = (lo: number, hi: number): TimeWindow => {
    const pad = Math.max(3 * DAY, (hi - lo) * 0.03);
    return { start: new Date(lo - pad), end: new Date(hi + pad) };
  };
  // Loops, not Math.min(...list): years of days in many countries would overflow the stack.
  const extent = (times: number[]): [number, number] => times.reduce(([lo, hi], t) => [Math.min(lo, t), Math.max(hi, t)], [Infinity, -Infinity]);
  if (period === "measured" && measuredDays.length > 0) {
    const [lo, hi] = extent(measuredDays.map(dayMs));
    return padded(lo, hi + DAY);
  }
  if (period === "all") {
    const times = [
      ...measuredDays.flatMap((d) => [dayMs(d), dayMs(d) + DAY]),
      ...mine(data.reported).flatMap((r) => [dayMs(r.date), dayMs(r.dateEnd ?? r.date) + DAY]),
    ];
    if (times.length > 0) return padded(...extent(times));
  }
  return { start: dayToDate(MIGRATION_WINDOW.start), end: dayAfter(MIGRATION_WINDOW.end) };
}

// ---------------------------------------------------------------------------------------------
// Words

export function storeName(store: StoreName): string {
  return store === "app-store" ? "App Store" : "Google Play";
}

function chartPhrase(store: StoreName, chart: ReportedRank["chart"] | "top-free", country: string): string {
  const where = countryPhrase(country);
  if (store === "app-store") {
    return chart === "top-free" ? `among free iPhone apps in the App Store in ${where}` : `in the App Store in ${where} (the source did not name the chart)`;
  }
  return chart === "top-free" ? `among free apps on Google Play in ${where}` : `on Google Play in ${where} (the source did not name the chart)`;
}

function sourceText(p: { publisher: string; via?: string }): string {
  return `Reported by ${p.publisher}${p.via ? `, read on ${p.via}` : ""}.`;
}

export function reportedTooltip(p: ReportedRank, appName: string): string {
  const rank = qualify(p.qualifier, `#${p.value}`, p.valueHigh !== undefined ? `#${p.valueHigh}` : undefined);
  return `${appName}: ${rank} ${chartPhrase(p.store, p.chart, p.country)}, ${formatDate(p.date, p.precision, p.dateEnd)}. ${sourceText(p)}${p.note ? ` ${p.note}` : ""}`;
}

export function measuredTooltip(p: MeasuredPoint, appName: string, chart: MeasuredChart): string {
  const where = chartPhrase(chart.store, "top-free", chart.country);
  const what = p.rank === null ? `not in the top ${p.size}` : `#${p.rank} of ${p.size}`;
  return `${appName}: ${what} ${where} on ${formatDay(dayToDate(p.day))}, measured (the day's last snapshot). Source: ${chart.sourceTitle}.`;
}

function appList(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export function absenceTooltip(a: StoreAbsence, appNames: Map<string, string>): string {
  const apps = appList(a.apps.map((k) => appNames.get(k) ?? k));
  const stores = a.stores.length > 1 ? "app stores" : `${storeName(a.stores[0]!)}`;
  return `${apps} out of the ${countryShort(a.country)} ${stores}, ${formatShortDay(dayToDate(a.start))} to ${formatDay(dayToDate(a.end))}. Removed: ${a.removed.title} (${a.removed.publisher}). Back: ${a.returned.title} (${a.returned.publisher}).${a.note ? ` ${a.note}` : ""}`;
}

/**
 * What a screen reader says instead of the chart, from the data in view: each app's reported #1s
 * or best reported rank per store, its latest measured rank, the store absences, and what is missing.
 */
export function describeRanks(data: RankingsData, country: string, period: Period = defaultPeriod(data)): string {
  const w = periodWindow(data, period, country);
  const names = new Map(data.apps.map((a) => [a.key, a.name]));
  const where = countryPhrase(country);
  const parts: string[] = [];
  const reported = data.reported.filter((r) => r.country === country);
  const shown = reported.filter((r) => inWindow(w, dayToDate(r.date), dayAfter(r.dateEnd ?? r.date)));
  for (const store of STORE_ORDER) {
    for (const app of data.apps) {
      const points = shown.filter((r) => r.store === store && r.app === app.key);
      if (points.length === 0) continue;
      const inStore = store === "app-store" ? `the ${storeName(store)}` : storeName(store);
      const firsts = points.filter((r) => r.value === 1 && r.qualifier === "exact");
      if (firsts.length > 0) {
        const from = formatDay(dayToDate(firsts.map((r) => r.date).sort()[0]!));
        const to = formatDay(dayToDate(firsts.map((r) => r.dateEnd ?? r.date).sort().at(-1)!));
        parts.push(
          from === to
            ? `${app.name} was reported #1 on ${inStore} on ${from}.`
            : `${app.name} was reported #1 on ${inStore} between ${from} and ${to} (${firsts.length} reports).`,
        );
      } else {
        const best = points.reduce((a, b) => (b.value < a.value ? b : a));
        parts.push(`${app.name}'s best reported rank on ${inStore} was ${qualify(best.qualifier, `#${best.value}`)}, on ${formatDay(dayToDate(best.date))}.`);
      }
    }
  }
  let measuredInView = 0;
  for (const store of STORE_ORDER) {
    const chart = measuredChart(data, store, country);
    if (!chart) continue;
    for (const app of data.apps) {
      const points = pointsIn(w, chart, app.key);
      if (points.length === 0) continue;
      measuredInView += points.length;
      const last = points.at(-1)!;
      const ranked = points.filter((p) => p.rank !== null);
      const best = ranked.length > 0 ? ranked.reduce((a, b) => (b.rank! < a.rank! ? b : a)) : undefined;
      const standing = last.rank === null ? `not in the ${storeName(store)}'s top ${last.size}` : `#${last.rank} on the ${storeName(store)}`;
      parts.push(
        `${app.name} was ${standing} on ${formatDay(dayToDate(last.day))} by our measurement` +
          (best ? `, at best #${best.rank}, on ${formatDay(dayToDate(best.day))}.` : ", and not in the chart on any day we measured."),
      );
    }
  }
  // Everything so far starts with an app's name: say where once, up front.
  if (parts.length > 0) parts[0] = `In ${where}, ${parts[0]}`;
  for (const a of data.absences.filter((a) => a.country === country && inWindow(w, dayToDate(a.start), dayAfter(a.end)))) {
    parts.push(`${appList(a.apps.map((k) => names.get(k) ?? k))} were out of the app stores in ${where} from ${formatShortDay(dayToDate(a.start))} to ${formatDay(dayToDate(a.end))}.`);
  }
  const hidden = reported.length - shown.length;
  if (hidden > 0) parts.push(`${hidden} more reported rank${hidden === 1 ? " is" : "s are"} outside this period.`);
  if (!data.measured.some((m) => m.country === country)) {
    parts.push(data.measured.length === 0 ? "No measured snapshots yet: the first refresh will start the series." : `No measured snapshots for ${where} yet.`);
  }
  if (shown.length + measuredInView === 0) {
    const any = reported.length > 0 || data.measured.some((m) => m.country === country);
    parts.unshift(any ? `No ranks for ${where} in this period.` : `No ranks for ${where} yet.`);
  }
  return parts.join(" ");
}

// ---------------------------------------------------------------------------------------------
// Drawing

const multiFormat = (date: Date): string =>
  utcDay(date) < date ? formatShortDay(date) : utcMonth(date) < date ? formatShortDay(date) : utcYear(date) < date ? utcFormat("%b")(date) : utcFormat("%Y")(date);

function timeAxis(g: SVGGElement, x: ScaleTime<number, number>, width: number): void {
  const span = x.domain()[1]!.getTime() - x.domain()[0]!.getTime();
  const axis = axisBottom(x).tickSizeOuter(0).tickSize(4);
  if (span <= 70 * DAY) axis.ticks(width < 360 ? utcWeek.every(2)! : utcWeek).tickFormat((d) => formatShortDay(d as Date));
  else axis.ticks(Math.max(2, Math.floor(width / 90))).tickFormat((d) => multiFormat(d as Date));
  select(g).call(axis);
}

interface PanelSpec {
  document: Document;
  data: RankingsData;
  parent: SVGElement;
  /** Top-left of the plot area, in the parent's coordinates. */
  left: number;
  top: number;
  plotWidth: number;
  plotHeight: number;
  store: StoreName;
  country: string;
  window: TimeWindow;
  /** The bottom of the rank axis (a RANK_TICKS value). */
  bottom: number;
  compact: boolean;
  /** Whether to write app names at the right of the plot (needs `labelWidth` px there). */
  labels: boolean;
  labelWidth: number;
  interactive: boolean;
}

interface PanelResult {
  /** Height used below `top`, axis included. */
  height: number;
  marks: number;
  apps: Set<string>;
}

/** The worst rank a panel must show: the chart's length when measured, else the worst reported. */
function panelBottom(data: RankingsData, store: StoreName, country: string | undefined, w: TimeWindow): number {
  const charts = data.measured.filter((m) => m.store === store && (!country || m.country === country) && m.chart === "top-free");
  const size = charts.reduce((most, c) => c.sizes.reduce((a, b) => Math.max(a, b), most), 0);
  const reported = data.reported.filter((r) => r.store === store && (!country || r.country === country) && inWindow(w, dayToDate(r.date), dayAfter(r.dateEnd ?? r.date)));
  const worst = reported.reduce((most, r) => Math.max(most, r.valueHigh ?? r.value), Math.max(10, size));
  return RANK_TICKS.find((t) => t >= worst) ?? worst;
}

const bandLabelHeight = (compact: boolean) => (compact ? 12 : 14);

/** Height of the "not in the chart" band: its label, then a thin row per app. */
function bandHeight(appCount: number, compact: boolean): number {
  return bandLabelHeight(compact) + 6 + Math.max(0, appCount - 1) * 4;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * A polyline's path. Of the points that fall in one pixel column it keeps the first, the highest,
 * the lowest and the last: the same line on screen, where years of days in a narrow panel are
 * several points to a pixel.
 */
function polyline(run: readonly [number, number][]): string {
  // Columns of the coordinates as printed, so a point is in the column its mark is drawn in.
  const at = run.map(([x, y]) => [x.toFixed(1), y.toFixed(1)] as const);
  const column = (i: number) => Math.round(Number(at[i]![0]));
  const y = (i: number) => Number(at[i]![1]);
  let d = "";
  for (let i = 0; i < at.length; ) {
    let [last, top, bottom] = [i, i, i];
    while (last + 1 < at.length && column(last + 1) === column(i)) {
      last++;
      if (y(last) < y(top)) top = last;
      if (y(last) > y(bottom)) bottom = last;
    }
    for (const k of [...new Set([i, top, bottom, last])].sort((a, b) => a - b)) d += `${d ? "L" : "M"}${at[k]![0]},${at[k]![1]}`;
    i = last + 1;
  }
  return d;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Boxes filed by 32 px column, so that a label's place is checked against the marks near it, not against years of dots. */
class Boxes {
  private readonly columns = new Map<number, Box[]>();
  private static span(box: Box): number[] {
    const list: number[] = [];
    for (let c = Math.floor(box.x0 / 32); c <= Math.floor(box.x1 / 32); c++) list.push(c);
    return list;
  }
  add(box: Box): void {
    for (const c of Boxes.span(box)) {
      const list = this.columns.get(c);
      if (list) list.push(box);
      else this.columns.set(c, [box]);
    }
  }
  overlaps(box: Box): boolean {
    return Boxes.span(box).some((c) => this.columns.get(c)?.some((o) => overlaps(o, box)) ?? false);
  }
}
/** Width of a label in the chart's 12 px semi-bold type, estimated (no layout engine in Node). */
const labelWidthOf = (text: string) => text.length * 7.4 + 2;

/**
 * Direct labels in the apps' colours. Measured lines end at the right: their labels go in the
 * right margin at the line's last y, nudged apart. Apps with reported ranks only are labelled next
 * to one of their symbols (the latest first: right, left, above, below) where the label covers no
 * mark and no other label; failing that, in the margin too.
 */
function placeLabels(
  document: Document,
  g: SVGGElement,
  markAt: Map<string, { x: number; y: number; r: number; measured: boolean }[]>,
  obstacles: Boxes,
  area: { width: number; height: number; marginHeight: number; rightEdge: number },
  name: (app: string) => string,
  color: (app: string) => string,
): void {
  const placed: { app: string; x: number; y: number; anchor: "start" | "middle" | "end" }[] = [];
  const taken: Box[] = [];
  const margin: { app: string; y: number }[] = [];
  const apps = [...markAt.entries()].map(([app, marks]) => ({ app, marks: [...marks].sort((a, b) => b.x - a.x) }));
  for (const { app, marks } of apps) {
    if (marks.some((m) => m.measured)) {
      margin.push({ app, y: marks.find((m) => m.measured)!.y });
      continue;
    }
    const w = labelWidthOf(name(app));
    let done = false;
    for (const m of marks) {
      const candidates: { box: Box; x: number; y: number; anchor: "start" | "middle" | "end" }[] = [
        { box: { x0: m.x + m.r + 3, y0: m.y - 7, x1: m.x + m.r + 3 + w, y1: m.y + 6 }, x: m.x + m.r + 4, y: m.y + 4, anchor: "start" },
        { box: { x0: m.x - m.r - 3 - w, y0: m.y - 7, x1: m.x - m.r - 3, y1: m.y + 6 }, x: m.x - m.r - 4, y: m.y + 4, anchor: "end" },
        { box: { x0: m.x - w / 2, y0: m.y - m.r - 16, x1: m.x + w / 2, y1: m.y - m.r - 3 }, x: m.x, y: m.y - m.r - 6, anchor: "middle" },
        { box: { x0: m.x - w / 2, y0: m.y + m.r + 3, x1: m.x + w / 2, y1: m.y + m.r + 16 }, x: m.x, y: m.y + m.r + 13, anchor: "middle" },
      ];
      const fit = candidates.find(
        (c) => c.box.x0 >= 0 && c.box.x1 <= area.width && c.box.y0 >= -6 && c.box.y1 <= area.height && !obstacles.overlaps(c.box) && !taken.some((o) => overlaps(o, c.box)),
      );
      if (fit) {
        placed.push({ app, x: fit.x, y: fit.y, anchor: fit.anchor });
        taken.push(fit.box);
        done = true;
        break;
      }
    }
    if (!done) margin.push({ app, y: marks[0]!.y });
  }
  // The margin column: at each line's last y, nudged apart, kept inside the plot's height.
  margin.sort((a, b) => a.y - b.y);
  const step = 13;
  for (let i = 1; i < margin.length; i++) margin[i]!.y = Math.max(margin[i]!.y, margin[i - 1]!.y + step);
  const overflow = (margin.at(-1)?.y ?? 0) - area.marginHeight;
  if (overflow > 0) for (const l of margin) l.y -= overflow;
  for (let i = margin.length - 2; i >= 0; i--) margin[i]!.y = Math.min(margin[i]!.y, margin[i + 1]!.y - step);
  for (const l of margin) placed.push({ app: l.app, x: area.rightEdge + 8, y: l.y + 4, anchor: "start" });

  const group = svgElement(document, "g", { class: "direct-labels", "aria-hidden": "true" }, g);
  for (const l of placed) {
    svgText(document, name(l.app), { x: l.x.toFixed(1), y: l.y.toFixed(1), "text-anchor": l.anchor, fill: color(l.app), "font-weight": 650, "font-size": 12, class: "direct-label", "data-app": l.app }, group);
  }
}

function drawPanel(spec: PanelSpec): PanelResult {
  const { document, data, store, country, compact } = spec;
  const g = svgElement(document, "g", { class: `panel panel-${store}`, "data-store": store, transform: `translate(${spec.left},${spec.top})` }, spec.parent);
  const appByKey = new Map(data.apps.map((a) => [a.key, a]));
  const appName = (k: string) => appByKey.get(k)?.name ?? k;
  const color = (k: string) => appByKey.get(k)?.color ?? "currentColor";
  const chart = measuredChart(data, store, country);
  const w = spec.window;
  const x = scaleUtc().domain([w.start, w.end]).range([0, spec.plotWidth]);
  const measuredApps = data.apps.filter((a) => chart?.ranks[a.key]);
  const band = chart ? bandHeight(measuredApps.length, compact) : 0;
  const gap = chart ? 6 : 0;
  const rankHeight = spec.plotHeight - band - gap;
  const y: ScaleLogarithmic<number, number> = scaleLog().domain([1, spec.bottom]).range([compact ? 6 : 8, rankHeight]);
  const bandTop = rankHeight + gap;
  const absentY = (app: string) => bandTop + bandLabelHeight(compact) + 3 + measuredApps.findIndex((a) => a.key === app) * 4;
  const result: PanelResult = { height: 0, marks: 0, apps: new Set() };
  // Every mark's and label's box, so the direct labels avoid them.
  const obstacles = new Boxes();
  const markAt = new Map<string, { x: number; y: number; r: number; measured: boolean }[]>();
  const remember = (app: string, px: number, py: number, r: number, measured: boolean) => {
    const list = markAt.get(app) ?? [];
    list.push({ x: px, y: py, r, measured });
    markAt.set(app, list);
    obstacles.add({ x0: px - r - 1, y0: py - r - 1, x1: px + r + 1, y1: py + r + 1 });
  };

  // Store absences: shading behind everything, linked to the event that started them, with a
  // line where the apps came back, linked to that event.
  const names = new Map(data.apps.map((a) => [a.key, a.name]));
  for (const a of data.absences) {
    if (a.country !== country || !a.stores.includes(store)) continue;
    const start = dayToDate(a.start);
    const end = dayAfter(a.end);
    if (!inWindow(w, start, end)) continue;
    const x0 = Math.max(0, x(start));
    const x1 = Math.min(spec.plotWidth, x(end));
    const link = sourceLink(document, g, a.removed.url, absenceTooltip(a, names));
    svgElement(document, "rect", { class: "absence", x: x0.toFixed(1), y: 0, width: Math.max(1, x1 - x0).toFixed(1), height: rankHeight, fill: "currentColor", "fill-opacity": 0.08 }, link);
    if (!compact && x1 - x0 > 44) {
      const label = svgElement(document, "g", { "aria-hidden": "true", class: "absence-label" }, g);
      const words = x1 - x0 > 170 ? `${appList(a.apps.map((k) => names.get(k) ?? k))} out of ${countryPhrase(country)} stores` : "Out of the store";
      const lines = wrapText(words, Math.max(6, Math.floor((x1 - x0 - 8) / 5.9)));
      lines.forEach((line, i) => {
        const ly = rankHeight - 6 - (lines.length - 1 - i) * 12;
        svgText(document, line, { x: (x0 + 5).toFixed(1), y: ly, "font-size": 10.5, "fill-opacity": 0.8 }, label);
        obstacles.add({ x0: x0 + 5, y0: ly - 10, x1: x0 + 5 + line.length * 5.9, y1: ly + 2 });
      });
    }
    if (x(end) <= spec.plotWidth) {
      const back = sourceLink(document, g, a.returned.url, `${formatDay(dayToDate(a.returned.date))}: ${a.returned.title}. Source: ${a.returned.publisher}.`);
      svgElement(document, "line", { class: "absence-end", x1: x(end).toFixed(1), x2: x(end).toFixed(1), y1: 0, y2: rankHeight, stroke: "currentColor", "stroke-opacity": 0.45, "stroke-dasharray": "3 3" }, back);
      // A wider, invisible target so the line can be hovered.
      svgElement(document, "rect", { x: (x(end) - 4).toFixed(1), y: 0, width: 8, height: rankHeight, fill: "transparent" }, back);
    }
  }

  // Grid and rank axis.
  const ticks = RANK_TICKS.filter((t) => t <= spec.bottom && (!compact || spec.bottom <= 20 || t === 1 || t === 10 || t === 100 || t === spec.bottom));
  for (const t of ticks) {
    svgElement(document, "line", { class: "grid", x1: 0, x2: spec.plotWidth, y1: y(t).toFixed(1), y2: y(t).toFixed(1), stroke: "currentColor", "stroke-opacity": t === 1 ? 0.22 : 0.1 }, g);
  }
  select(svgElement(document, "g", { class: "axis rank-axis" }, g)).call(axisLeft(y).tickValues(ticks).tickFormat((t) => `#${t}`).tickSize(0).tickPadding(6));
  g.querySelector(".rank-axis path.domain")?.remove();

  // The "not in the chart" band, below the chart's last rank: an absent day is drawn here, never
  // as a made-up rank.
  if (chart) {
    const size = chart.sizes.reduce((a, b) => Math.max(a, b), 0);
    svgElement(document, "rect", { class: "absent-band", x: 0, y: bandTop, width: spec.plotWidth, height: band, fill: "currentColor", "fill-opacity": 0.07 }, g);
    const text = `Not in the top ${size}`;
    svgText(document, text, { x: 4, y: bandTop + (compact ? 9.5 : 11), "font-size": compact ? 9 : 10.5, "fill-opacity": 0.8, class: "band-label" }, g);
  }

  // Measured: lines (solid in the chart, dotted into and inside the band), a dot per day.
  if (chart) {
    for (const app of measuredApps) {
      const points = pointsIn(w, chart, app.key);
      if (points.length === 0) continue;
      result.apps.add(app.key);
      const px = (p: MeasuredPoint) => x(p.time + DAY / 2);
      const py = (p: MeasuredPoint) => (p.rank === null ? absentY(app.key) : y(p.rank));
      // Each path a run of polylines: a segment that goes on from the last one's end continues its run.
      const runs: Record<"solid" | "dashed", [number, number][][]> = { solid: [], dashed: [] };
      const ends: Record<keyof typeof runs, MeasuredPoint | undefined> = { solid: undefined, dashed: undefined };
      for (let i = 1; i < points.length; i++) {
        const a = points[i - 1]!;
        const b = points[i]!;
        if (b.time - a.time > DAY) continue; // a day not measured is a gap, not a line
        const kind = a.rank !== null && b.rank !== null ? "solid" : "dashed";
        if (ends[kind] === a) runs[kind].at(-1)!.push([px(b), py(b)]);
        else runs[kind].push([[px(a), py(a)], [px(b), py(b)]]);
        ends[kind] = b;
      }
      const paths = { solid: runs.solid.map(polyline).join(""), dashed: runs.dashed.map(polyline).join("") };
      const { solid, dashed } = paths;
      const lines = svgElement(document, "g", { class: "measured-lines", "aria-hidden": "true", stroke: app.color, fill: "none", "stroke-linejoin": "round", "stroke-linecap": "round" }, g);
      if (solid) svgElement(document, "path", { class: "measured-line", d: solid, "stroke-width": compact ? 1.75 : 2.25 }, lines);
      if (dashed) svgElement(document, "path", { class: "measured-line absent-line", d: dashed, "stroke-width": 1.25, "stroke-dasharray": "2 3" }, lines);
      // Dots closer than a few pixels would merge into a smear: the line carries them, and the
      // dots stay as hover targets. Hundreds of days would be hundreds of tab stops: the data
      // table carries them for keyboard users instead.
      const dense = points.length > DENSE_DAYS || x(dayAfter(MIGRATION_WINDOW.start)) - x(dayToDate(MIGRATION_WINDOW.start)) < 6;
      const untabbed = points.length > DENSE_DAYS;
      // In print a dense line is the whole picture: its dots would only be hover targets.
      if (dense && !spec.interactive) {
        for (const p of points) remember(app.key, px(p), py(p), 3, true);
        continue;
      }
      for (const p of points) {
        const link = sourceLink(document, g, chart.url, measuredTooltip(p, app.name, chart));
        if (untabbed) link.setAttribute("tabindex", "-1");
        svgElement(document, "circle", {
          class: `mark measured${p.rank === null ? " absent" : ""}${dense ? " dense" : ""}`,
          "data-app": app.key,
          "data-day": p.day,
          "data-rank": p.rank ?? undefined,
          "data-absent": p.rank === null ? "true" : undefined,
          cx: px(p).toFixed(1),
          cy: py(p).toFixed(1),
          r: p.rank === null ? 1.75 : compact ? 2 : 2.75,
          fill: p.rank === null ? "none" : app.color,
          stroke: app.color,
          "stroke-width": p.rank === null ? 1 : 0,
          "fill-opacity": dense && p.rank !== null ? 0 : 1,
          "stroke-opacity": dense && p.rank === null ? 0 : 1,
        }, link);
        result.marks++;
        remember(app.key, px(p), py(p), 3, true);
      }
    }
  }

  // Reported: symbols, never joined. Reports of the same rank on the same day spread sideways.
  const reported = data.reported.filter((r) => r.store === store && r.country === country && inWindow(w, dayToDate(r.date), dayAfter(r.dateEnd ?? r.date)));
  const seen = new Map<string, number>();
  const r = compact ? 4 : 5;
  for (const p of reported) {
    result.apps.add(p.app);
    const key = `${p.date}|${p.value}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    const cx = x(reportedMid(p)) + (index % 2 === 0 ? 1 : -1) * Math.ceil(index / 2) * (r + 2);
    const cy = y(Math.min(p.value, spec.bottom));
    const link = sourceLink(document, g, p.url, reportedTooltip(p, appName(p.app)));
    if (p.dateEnd && p.dateEnd !== p.date) {
      // The days the report covers, not a line between reports.
      svgElement(document, "line", { class: "interval", x1: x(dayToDate(p.date)).toFixed(1), x2: x(dayAfter(p.dateEnd)).toFixed(1), y1: cy.toFixed(1), y2: cy.toFixed(1), stroke: color(p.app), "stroke-width": 2, "stroke-opacity": 0.45 }, link);
    }
    if (p.qualifier === "range" && p.valueHigh !== undefined) {
      svgElement(document, "line", { class: "interval", x1: cx.toFixed(1), x2: cx.toFixed(1), y1: cy.toFixed(1), y2: y(Math.min(p.valueHigh, spec.bottom)).toFixed(1), stroke: color(p.app), "stroke-width": 2 }, link);
    }
    // On an inverted axis "at least #6" means #6 or further down: the triangle points down.
    const towardTop = p.qualifier === "at-least" ? false : p.qualifier === "at-most" ? true : undefined;
    const shape = qualifierShape(p.qualifier, towardTop, r);
    const doubtful = p.caveat === "weak" || p.caveat === "outlier";
    svgElement(document, shape.tag, {
      ...shape.attrs,
      class: `mark reported${p.caveat ? ` caveat-${p.caveat}` : ""}`,
      "data-id": p.id,
      "data-app": p.app,
      transform: `translate(${cx.toFixed(1)},${cy.toFixed(1)})`,
      fill: color(p.app),
      stroke: color(p.app),
      "stroke-width": shape.attrs["stroke-width"] ?? 1,
      "fill-opacity": shape.attrs["fill-opacity"] ?? (doubtful ? 0.3 : 0.9),
      "stroke-dasharray": doubtful ? "2 2" : undefined,
    }, link);
    result.marks++;
    remember(p.app, cx, cy, r, false);
  }

  if (result.marks === 0 && !compact) {
    svgText(document, `No ${storeName(store)} ranks for ${countryPhrase(country)} in this period.`, { x: spec.plotWidth / 2, y: rankHeight / 2, "text-anchor": "middle", "fill-opacity": 0.8, class: "empty" }, g);
  }

  if (spec.labels) {
    placeLabels(document, g, markAt, obstacles, { width: spec.plotWidth + spec.labelWidth, height: rankHeight, marginHeight: spec.plotHeight, rightEdge: spec.plotWidth }, appName, color);
  }

  const axisG = svgElement(document, "g", { class: "axis time-axis", transform: `translate(0,${spec.plotHeight})` }, g);
  timeAxis(axisG, x, spec.plotWidth);
  result.height = spec.plotHeight + 22;
  return result;
}

function legendItems(document: Document, hasMeasured: boolean): LegendItem[] {
  const measured: LegendItem = {
    label: hasMeasured ? "measured daily" : "measured daily (none yet)",
    draw: (g) => {
      svgElement(document, "line", { x1: -5, x2: 6, y1: 0, y2: 0, stroke: "currentColor", "stroke-width": 2, "stroke-opacity": hasMeasured ? 1 : 0.4 }, g);
      svgElement(document, "circle", { r: 2.5, "fill-opacity": hasMeasured ? 1 : 0.4 }, g);
    },
  };
  const reported = qualifierLegend(document).map((item) => ({ ...item, label: `reported${item.label === "exact" ? "" : `, ${item.label}`}` }));
  return [...reported, measured];
}

const reportedIn = (data: RankingsData, w: TimeWindow, filter: (r: ReportedRank) => boolean) =>
  data.reported.filter((r) => filter(r) && inWindow(w, dayToDate(r.date), dayAfter(r.dateEnd ?? r.date)));

function notesText(data: RankingsData, countries: string[], w: TimeWindow, extra: string): string {
  const reported = reportedIn(data, w, (r) => countries.includes(r.country));
  const publishers = new Set(reported.map((r) => r.publisher));
  const charts = data.measured.filter((m) => countries.includes(m.country));
  const sources: string[] = [];
  if (charts.length > 0) {
    const names = [...new Set(charts.map((c) => (c.store === "app-store" ? "Apple's top-free charts (RSS feed)" : "Google Play's top-free charts")))];
    sources.push(`measured, ${names.join(" and ")}, the last snapshot of each UTC day`);
  }
  if (publishers.size > 0) sources.push(`reported, ${publishers.size} news outlet${publishers.size === 1 ? "" : "s"} and data firms, named on each mark`);
  const shading = data.absences.some((a) => countries.includes(a.country) && inWindow(w, dayToDate(a.start), dayAfter(a.end)))
    ? " Shading: apps out of the store, dated by the tracker's events."
    : "";
  return `Source: ${sources.length > 0 ? sources.join("; ") : "none yet"}.${shading} Rank axis is logarithmic. ${extra}${asOfText(data.asOf)}`;
}

/** One country: a panel per store with ranks (App Store first), direct labels, legend, notes. */
export function rankChart(data: RankingsData, options: RankChartOptions): SVGSVGElement {
  const { width, document, country } = options;
  const period = options.period ?? defaultPeriod(data);
  const narrow = width < 560;
  const w = periodWindow(data, period, country);
  const where = countryPhrase(country);
  const measuredHere = data.measured.some((m) => m.country === country);
  const frame = createFrame({
    document,
    width,
    id: options.id ?? "rank-chart",
    title: `Top-chart ranks in ${where}`,
    subtitle: `Position in the free-app charts, #1 at the top. Symbols are ranks reported by news outlets${measuredHere ? "; lines, our daily measurements" : ""}.`,
    description: describeRanks(data, country, period),
  });
  const svg = frame.svg;
  frame.legendRow(legendItems(document, measuredHere));

  if (!measuredHere) {
    frame.y += 6;
    const text = data.measured.length === 0 ? "No measured snapshots yet: the first refresh will start the series." : `No measured snapshots for ${where} yet.`;
    for (const line of wrapText(text, Math.floor(width / 6.4))) {
      frame.y += 16;
      svgText(document, line, { x: 0, y: frame.y, "font-size": 12.5, "font-style": "italic", "fill-opacity": 0.85, class: "status" }, svg);
    }
  }

  const labelWidth = Math.min(100, 12 + Math.max(0, ...data.apps.map((a) => labelWidthOf(a.name))));
  // Without measured lines the labels sit beside the symbols; the margin only keeps the last date readable.
  const margin = { left: narrow ? 36 : 42, right: measuredHere ? labelWidth : 20 };
  const plotWidth = Math.max(120, width - margin.left - margin.right);
  const stores = STORE_ORDER.filter((s) => measuredChart(data, s, country) || data.reported.some((r) => r.store === s && r.country === country));
  let marks = 0;
  if (stores.length === 0) {
    frame.y += 40;
    svgText(document, `No ranks for ${where} yet.`, { x: width / 2, y: frame.y, "text-anchor": "middle", class: "empty", "font-size": 14 }, svg);
    frame.y += 24;
  }
  for (const store of stores) {
    const chart = measuredChart(data, store, country);
    const inView = reportedIn(data, w, (r) => r.store === store && r.country === country).length + (chart ? daysIn(w, chart) : 0);
    frame.y += 22;
    const heading = `${storeName(store)}${store === "app-store" ? ", free iPhone apps" : ", free Android apps"}`;
    if (inView === 0) {
      // Nothing to draw: say so in a line rather than an empty frame.
      svgText(document, `${heading}: no ranks in this period.`, { x: 0, y: frame.y, "font-size": 13, "fill-opacity": 0.85, class: "panel-title empty" }, svg);
      frame.y += 4;
      continue;
    }
    svgText(document, heading, { x: 0, y: frame.y, "font-weight": 600, "font-size": 13, class: "panel-title" }, svg);
    frame.y += 14;
    const plotHeight = (narrow ? 200 : 250) + (chart ? bandHeight(Object.keys(chart.ranks).length, false) + 6 : 0);
    const drawn = drawPanel({
      document,
      data,
      parent: svg,
      left: margin.left,
      top: frame.y,
      plotWidth,
      plotHeight,
      store,
      country,
      window: w,
      bottom: panelBottom(data, store, country, w),
      compact: false,
      labels: true,
      labelWidth: margin.right,
      interactive: options.interactive ?? true,
    });
    marks += drawn.marks;
    frame.y += drawn.height;
  }
  const hidden = data.reported.filter((r) => r.country === country).length - reportedIn(data, w, (r) => r.country === country).length;
  const extra = hidden > 0 ? `${hidden} reported rank${hidden === 1 ? " is" : "s are"} outside this period. ` : "";
  frame.y += 6;
  frame.notes(notesText(data, [country], w, extra));
  svg.setAttribute("data-marks", String(marks));
  svg.setAttribute("data-country", country);
  return frame.finish();
}

/** Every country with App Store ranks, one small panel each, on shared axes. */
export function smallMultiples(data: RankingsData, options: SmallMultiplesOptions): SVGSVGElement {
  const { width, document } = options;
  const period = options.period ?? defaultPeriod(data);
  const w = periodWindow(data, period);
  const store: StoreName = "app-store";
  const countries = data.countries.filter((c) => measuredChart(data, store, c) || data.reported.some((r) => r.store === store && r.country === c));
  const counts = new Map(
    countries.map((c) => {
      const chart = measuredChart(data, store, c);
      return [c, { reported: reportedIn(data, w, (r) => r.store === store && r.country === c).length, measured: chart ? daysIn(w, chart) : 0, chart }] as const;
    }),
  );
  const describe = countries.map((c) => {
    const n = counts.get(c)!;
    return `${countryShort(c)}: ${n.reported} reported rank${n.reported === 1 ? "" : "s"}${n.chart ? `, ${n.measured} measured day${n.measured === 1 ? "" : "s"}` : ""}.`;
  });
  const frame = createFrame({
    document,
    width,
    id: options.id ?? "rank-multiples",
    title: "App Store ranks, country by country",
    subtitle: "Ranks among free iPhone apps in each App Store storefront with a measured or reported rank, on the same axes.",
    description:
      countries.length === 0
        ? "No App Store ranks yet for any country."
        : `${countries.length} countries in this period. ${describe.join(" ")}${data.measured.length === 0 ? " No measured snapshots yet: the first refresh will start the series." : ""}`,
  });
  const svg = frame.svg;
  const appsShown = data.apps.filter(
    (a) => data.reported.some((r) => r.store === store && r.app === a.key && countries.includes(r.country)) || data.measured.some((m) => m.store === store && m.ranks[a.key]),
  );
  frame.legendRow(appsShown.map((a) => ({ label: a.name, draw: (g) => void svgElement(document, "circle", { r: 5, fill: a.color }, g) })));
  frame.legendRow(legendItems(document, data.measured.length > 0));

  if (countries.length === 0) {
    frame.y += 40;
    svgText(document, "No App Store ranks for any country yet.", { x: width / 2, y: frame.y, "text-anchor": "middle", class: "empty", "font-size": 14 }, svg);
    frame.y += 20;
  }
  const columns = width >= 900 ? 3 : width >= 540 ? 2 : 1;
  const gap = 28;
  const cellWidth = (width - gap * (columns - 1)) / columns;
  const left = 34;
  const right = 18; // room for the last date label
  const bottom = Math.max(10, ...countries.map((c) => panelBottom(data, store, c, w)));
  const bandApps = Math.max(1, ...data.measured.filter((m) => m.store === store).map((m) => Object.keys(m.ranks).length));
  const anyMeasured = countries.some((c) => counts.get(c)!.chart);
  const plotHeight = 96 + (anyMeasured ? bandHeight(bandApps, true) + 6 : 0);
  let marks = 0;
  for (let row = 0; row * columns < countries.length; row++) {
    const top = frame.y + 16;
    let height = 0;
    for (let col = 0; col < columns; col++) {
      const country = countries[row * columns + col];
      if (!country) break;
      const x0 = col * (cellWidth + gap);
      const cell = svgElement(document, "g", { class: "cell", "data-country": country }, svg);
      svgText(document, countryName(country), { x: x0, y: top + 14, "font-weight": 600, "font-size": 13.5, class: "cell-title" }, cell);
      const n = counts.get(country)!;
      // Too little to see a movement: say so rather than let one dot pass for a trend.
      let status: string;
      if (n.measured < 2 && n.reported < 2) {
        const rep = n.reported === 0 ? "no reported rank" : "one reported rank";
        const mea = n.chart ? (n.measured === 0 ? "no measured day" : "one measured day") : "no measured snapshots yet";
        status = `Too little data: ${rep} in this period, ${mea}.`;
      } else if (!n.chart) status = `${n.reported} reported ranks; no measured snapshots yet.`;
      else status = `${n.measured} measured days, ${n.reported} reported rank${n.reported === 1 ? "" : "s"}.`;
      const lines = wrapText(status, Math.floor(cellWidth / 6));
      lines.forEach((line, i) => {
        svgText(document, line, { x: x0, y: top + 31 + i * 14, "font-size": 11.5, "fill-opacity": 0.85, class: `cell-status${n.measured < 2 && n.reported < 2 ? " too-little" : ""}` }, cell);
      });
      const headHeight = 31 + (lines.length - 1) * 14 + 16;
      const drawn = drawPanel({
        document,
        data,
        parent: cell,
        left: x0 + left,
        top: top + headHeight,
        plotWidth: Math.max(80, cellWidth - left - right),
        plotHeight,
        store,
        country,
        window: w,
        bottom,
        compact: true,
        labels: false,
        labelWidth: 0,
        interactive: options.interactive ?? true,
      });
      marks += drawn.marks;
      height = Math.max(height, headHeight + drawn.height);
    }
    frame.y = top + height + 8;
  }
  frame.y += 2;
  frame.notes(notesText(data, countries, w, ""));
  svg.setAttribute("data-marks", String(marks));
  return frame.finish();
}
