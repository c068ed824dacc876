/**
 * One app's page, from its history file and the charts' days: its daily ranks per chart, where to
 * find the snapshot each came from, and the numbers the page states (best rank, first and last
 * seen, days in the top 10).
 */
import { fromDaySteps } from "./app-columns.js";
import type { AppName, AppReported, AppsHistory } from "./app-types.js";
import type { StoreName } from "./rank-types.js";

export interface AppPoint {
  day: string;
  rank: number;
  /** The day's place in its chart-year's file of snapshot files and sha256 (app-shards.ts snapshotsPath). */
  snapshot: number;
}

export interface AppChartSeries {
  store: StoreName;
  country: string;
  chart: "top-free" | "top-paid";
  points: AppPoint[];
}

export interface AppView {
  id: string;
  names: AppName[];
  series: AppChartSeries[];
  reported: AppReported[];
}

/** The app's view, or undefined when no stored snapshot lists `id`. */
export function appView(history: AppsHistory, id: string): AppView | undefined {
  const app = history.apps[id];
  if (!app) return undefined;
  const series = app.series.map(({ chart, points }) => {
    const c = history.charts[chart]!;
    const days = fromDaySteps(c.days);
    // Where each day stands in its year: the chart-year files start at each year's first day.
    const inYear: number[] = [];
    days.forEach((d, i) => inYear.push(i > 0 && days[i - 1]!.slice(0, 4) === d.slice(0, 4) ? inYear[i - 1]! + 1 : 0));
    const out: AppPoint[] = [];
    for (let i = 0, day = -1; i < points.length; i += 2) {
      day += points[i]!;
      out.push({ day: days[day]!, rank: points[i + 1]!, snapshot: inYear[day]! });
    }
    return { store: c.store, country: c.country, chart: c.chart, points: out };
  });
  return { id, names: app.names, series, reported: history.reported[id] ?? [] };
}

export interface AppStats {
  best: number | null;
  first: string | null;
  last: string | null;
  /** UTC days on which the app was in the top 10 of at least one of the charts shown. */
  daysTop10: number;
}

export function appStats(series: readonly AppChartSeries[]): AppStats {
  const days = series.flatMap((s) => s.points);
  const top = new Set(days.filter((p) => p.rank <= 10).map((p) => p.day));
  let best: number | null = null;
  let first: string | null = null;
  let last: string | null = null;
  for (const p of days) {
    if (best === null || p.rank < best) best = p.rank;
    if (first === null || p.day < first) first = p.day;
    if (last === null || p.day > last) last = p.day;
  }
  return { best, first, last, daysTop10: top.size };
}
