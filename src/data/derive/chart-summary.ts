/**
 * What the rankings need from one stored chart snapshot file: for each chart in it (store, country,
 * chart), its length and the rank of every tracked app it lists. Years of snapshots reduce to these
 * few numbers per file, which src/data/lib/chart-folds.ts folds month by month.
 * Pure.
 */
import type { ChartSnapshotRow, TrackedAppRow } from "../../../loaders/schema.ts";

export interface ChartSummary {
  store: ChartSnapshotRow["store"];
  country: string;
  chart: ChartSnapshotRow["chart"];
  /** The chart's length: its lowest rank. */
  size: number;
  /** Tracked app key -> its rank (the first, should a chart list an app twice). */
  ranks: Record<string, number>;
}

/** Store id -> tracked app key, per store: how chart rows are matched to tracked apps. */
export type TrackedIds = Record<ChartSnapshotRow["store"], Map<string, string>>;

export function trackedIds(apps: readonly TrackedAppRow[]): TrackedIds {
  const ids: TrackedIds = { "app-store": new Map(), "google-play": new Map() };
  for (const a of apps) {
    if (a.app_store_id) ids["app-store"].set(a.app_store_id, a.key);
    if (a.google_play_id) ids["google-play"].set(a.google_play_id, a.key);
  }
  return ids;
}

/** Accumulates rows one at a time, so the fast scanner and validated rows share one definition. */
export class ChartSummarizer {
  private readonly charts = new Map<string, ChartSummary>();
  constructor(readonly ids: TrackedIds) {}

  /** The summary rows of this store, country and chart go to (the scanner keeps it while they repeat). */
  chart(store: ChartSummary["store"], country: string, chart: ChartSummary["chart"]): ChartSummary {
    const key = `${store}|${country}|${chart}`;
    let summary = this.charts.get(key);
    if (!summary) this.charts.set(key, (summary = { store, country, chart, size: 0, ranks: {} }));
    return summary;
  }

  /** One row: `app` is the tracked app's key, undefined for an app we do not track. */
  static add(summary: ChartSummary, rank: number, app: string | undefined): void {
    if (rank > summary.size) summary.size = rank;
    if (app !== undefined && !Object.hasOwn(summary.ranks, app)) summary.ranks[app] = rank;
  }

  result(): ChartSummary[] {
    return [...this.charts.values()];
  }
}

export function summarizeRows(rows: readonly ChartSnapshotRow[], ids: TrackedIds): ChartSummary[] {
  const summarizer = new ChartSummarizer(ids);
  for (const row of rows) ChartSummarizer.add(summarizer.chart(row.store, row.country, row.chart), row.rank, ids[row.store].get(row.app_id));
  return summarizer.result();
}
