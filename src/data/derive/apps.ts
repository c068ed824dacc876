/**
 * Every app any stored chart snapshot listed: its names, developer, first and last sighting and best
 * rank (what /apps searches), and its rank in each chart on each UTC day, from that chart's last
 * snapshot of the day (as the rankings keep them), each chart-day naming its file and sha256.
 * Pure apart from consuming the iterable it is given.
 */
import type { ChartSnapshotRow, ReportedObservationRow, TrackedAppRow } from "../../../loaders/schema.ts";
import type { AppHistory, AppReported, AppSummary, ChartDays } from "../../components/app-types.ts";

export interface AppsSnapshotFile {
  resource: { path: string; hash: string; retrieved: string; confirmed?: string[] };
  rows: readonly ChartSnapshotRow[];
}

/** A measured chart: its UTC days in order and each day's last snapshot file. */
export interface DerivedChart extends Omit<ChartDays, "days"> {
  days: string[];
  snapshots: { path: string; sha256: string }[];
}

export interface AppsData {
  /** The newest snapshot time, or null when no chart is stored. */
  measuredAsOf: string | null;
  /** Every app, most recently seen first. */
  apps: AppSummary[];
  charts: DerivedChart[];
  /** By app id; each series indexes into `charts`. */
  history: Record<string, AppHistory>;
  /** Reported rows, by app id, for the apps that are tracked apps. */
  reported: Record<string, AppReported[]>;
}

interface Sighting {
  names: Map<string, { first: string; last: string }>;
  developer: string;
  developerAt: string;
  first: string;
  last: string;
  best: number;
}

/** A chart's day: its last snapshot so far and that snapshot's ranks by app id. */
interface DayPick {
  time: string;
  file: AppsSnapshotFile["resource"];
  ranks: Map<string, number>;
}

type ChartKey = `${ChartSnapshotRow["store"]}|${string}|${ChartSnapshotRow["chart"]}`;

function see(apps: Map<string, Sighting>, row: ChartSnapshotRow, time: string): void {
  let app = apps.get(row.app_id);
  if (!app) apps.set(row.app_id, (app = { names: new Map(), developer: "", developerAt: "", first: time, last: time, best: row.rank }));
  const name = app.names.get(row.name);
  if (!name) app.names.set(row.name, { first: time, last: time });
  else {
    if (time < name.first) name.first = time;
    if (time > name.last) name.last = time;
  }
  if (time >= app.developerAt) Object.assign(app, { developer: row.developer ?? "", developerAt: time });
  if (time < app.first) app.first = time;
  if (time > app.last) app.last = time;
  if (row.rank < app.best) app.best = row.rank;
}

const newestFirst = (a: { last: string }, b: { last: string }) => (a.last > b.last ? -1 : a.last < b.last ? 1 : 0);

function reportedOf(rows: readonly ReportedObservationRow[], tracked: readonly TrackedAppRow[]): Record<string, AppReported[]> {
  const out: Record<string, AppReported[]> = {};
  for (const app of tracked) {
    if (!app.app_store_id) continue;
    const mine = rows.filter((r) => r.subject === app.key);
    if (mine.length === 0) continue;
    out[app.app_store_id] = mine.map((r) => ({
      id: r.id,
      date: r.date,
      dateEnd: r.date_end,
      platform: r.platform,
      country: r.country,
      metric: r.metric,
      value: r.value,
      valueHigh: r.value_high,
      qualifier: r.qualifier,
      publisher: r.publisher,
      url: r.url,
      note: r.note,
    }));
  }
  return out;
}

export async function deriveApps(
  files: AsyncIterable<AppsSnapshotFile> | Iterable<AppsSnapshotFile>,
  reported: readonly ReportedObservationRow[],
  tracked: readonly TrackedAppRow[],
): Promise<AppsData> {
  const apps = new Map<string, Sighting>();
  const picks = new Map<ChartKey, Map<string, DayPick>>();
  let measuredAsOf: string | null = null;
  for await (const file of files) {
    // A snapshot seen again unchanged is stored once, with the later times in `confirmed`.
    const times = [file.resource.retrieved, ...(file.resource.confirmed ?? [])];
    const byChart = new Map<ChartKey, Map<string, number>>();
    for (const row of file.rows) {
      const key: ChartKey = `${row.store}|${row.country}|${row.chart}`;
      let ranks = byChart.get(key);
      if (!ranks) byChart.set(key, (ranks = new Map()));
      ranks.set(row.app_id, row.rank);
      for (const time of times) see(apps, row, time);
    }
    for (const time of times) {
      if (measuredAsOf === null || time > measuredAsOf) measuredAsOf = time;
      for (const [key, ranks] of byChart) {
        let days = picks.get(key);
        if (!days) picks.set(key, (days = new Map()));
        const day = time.slice(0, 10);
        const current = days.get(day);
        if (!current || time > current.time) days.set(day, { time, file: file.resource, ranks });
      }
    }
  }

  const charts: DerivedChart[] = [];
  const history: Record<string, AppHistory> = {};
  for (const [key, days] of [...picks].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [store, country, chart] = key.split("|") as [ChartDays["store"], string, ChartDays["chart"]];
    const ordered = [...days].sort(([a], [b]) => (a < b ? -1 : 1));
    const chartIndex = charts.length;
    const entry: DerivedChart = { store, country, chart, days: [], snapshots: [] };
    charts.push(entry);
    const last = new Map<string, number>();
    ordered.forEach(([day, pick], i) => {
      entry.days.push(day);
      // The manifest writes "sha256:<hex>" (Frictionless); the field name says the algorithm.
      entry.snapshots.push({ path: pick.file.path, sha256: pick.file.hash.replace(/^sha256:/, "") });
      for (const [id, rank] of pick.ranks) {
        const app = (history[id] ??= { names: [], series: [] });
        let series = app.series.find((x) => x.chart === chartIndex);
        if (!series) app.series.push((series = { chart: chartIndex, points: [] }));
        series.points.push(i - (last.get(id) ?? -1), rank);
        last.set(id, i);
      }
    });
  }

  const summaries: AppSummary[] = [];
  for (const [id, app] of apps) {
    const names = [...app.names].map(([name, seen]) => ({ name, ...seen })).sort(newestFirst);
    (history[id] ??= { names: [], series: [] }).names = names;
    summaries.push({ id, names: names.map((n) => n.name), developer: app.developer, first: app.first, last: app.last, best: app.best });
  }
  // Ordered by the times, then kept as days: the search lists UTC days.
  summaries.sort((a, b) => newestFirst(a, b) || a.best - b.best);
  const days = summaries.map((s) => ({ ...s, first: s.first.slice(0, 10), last: s.last.slice(0, 10) }));
  return { measuredAsOf, apps: days, charts, history, reported: reportedOf(reported, tracked) };
}
