/**
 * Chart snapshot files reduced to what the rankings draw: per store, country and chart, the last
 * snapshot of each UTC day and where the newest one came from. The fold of a stretch of files is
 * small and plain JSON, and folds of consecutive stretches merge into the fold of all of them, so
 * the fold of a month of files can be kept and the years before a new day are never read again
 * (src/data/lib/chart-folds.ts). Pure apart from consuming the iterable it is given.
 */
import { safeHref } from "../../components/svg.ts";
import type { ChartSummary } from "./chart-summary.ts";

/** One file of chart_snapshots: the times it was seen, its source, and its charts' summaries. */
export interface SnapshotFile {
  resource: { retrieved: string; confirmed?: string[]; sources: { title: string; path: string }[] };
  charts: readonly ChartSummary[];
}

export interface DayPoint {
  time: string;
  size: number;
  ranks: Readonly<Record<string, number>>;
}

export interface FoldedChart {
  store: ChartSummary["store"];
  country: string;
  chart: ChartSummary["chart"];
  /** UTC day -> the day's last snapshot. */
  days: Record<string, DayPoint>;
  /** The web address of the newest snapshot that gave one, and when that snapshot was seen. */
  url?: string;
  urlAt?: string;
  /** Likewise its source's title. */
  sourceTitle?: string;
  titleAt?: string;
}

export interface ChartFold {
  /** "store|country|chart" -> that chart's fold. */
  charts: Record<string, FoldedChart>;
  measuredAsOf: string | null;
}

export const emptyFold = (): ChartFold => ({ charts: {}, measuredAsOf: null });

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : b > a ? b : a);

function chartOf(fold: ChartFold, c: Pick<FoldedChart, "store" | "country" | "chart">): FoldedChart {
  const key = `${c.store}|${c.country}|${c.chart}`;
  return (fold.charts[key] ??= { store: c.store, country: c.country, chart: c.chart, days: {} });
}

/** Takes the address and title seen at `at` where they are the newest (a tie goes to the later file). */
function takeSource(chart: FoldedChart, at: string, url: string | undefined, title: string | undefined): void {
  if (url && (chart.urlAt === undefined || at >= chart.urlAt)) Object.assign(chart, { url, urlAt: at });
  if (title && (chart.titleAt === undefined || at >= chart.titleAt)) Object.assign(chart, { sourceTitle: title, titleAt: at });
}

/** Adds `files`, oldest first, to `fold` (after anything already in it) and returns it. */
export async function foldSnapshots(files: AsyncIterable<SnapshotFile> | Iterable<SnapshotFile>, fold: ChartFold = emptyFold()): Promise<ChartFold> {
  for await (const file of files) {
    // A snapshot seen again unchanged is recorded once, with the later times in `confirmed`.
    const times = [file.resource.retrieved, ...(file.resource.confirmed ?? [])];
    const source = file.resource.sources[0];
    const url = safeHref(source?.path);
    for (const group of file.charts) {
      const chart = chartOf(fold, group);
      for (const time of times) {
        fold.measuredAsOf = later(fold.measuredAsOf, time);
        const day = time.slice(0, 10);
        const current = chart.days[day];
        if (!current || time > current.time) chart.days[day] = { time, size: group.size, ranks: group.ranks };
        takeSource(chart, time, url, source?.title);
      }
    }
  }
  return fold;
}

/**
 * Adds the fold of later files to `fold` and returns it: the same as folding all the files in one
 * pass (on a tie, a day keeps the earlier point, and the source is the later file's).
 */
export function mergeFold(fold: ChartFold, next: ChartFold): ChartFold {
  fold.measuredAsOf = later(fold.measuredAsOf, next.measuredAsOf);
  for (const add of Object.values(next.charts)) {
    const chart = chartOf(fold, add);
    for (const [day, point] of Object.entries(add.days)) {
      const current = chart.days[day];
      if (!current || point.time > current.time) chart.days[day] = point;
    }
    if (add.urlAt !== undefined) takeSource(chart, add.urlAt, add.url, undefined);
    if (add.titleAt !== undefined) takeSource(chart, add.titleAt, undefined, add.sourceTitle);
  }
  return fold;
}
