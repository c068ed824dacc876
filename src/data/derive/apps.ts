/**
 * Every app any stored chart snapshot listed: its names, developer, first and last sighting and best
 * rank (what /apps searches), and its rank in each chart on each UTC day, from that chart's last
 * snapshot of the day (as the rankings keep them), each chart-day naming its file and sha256.
 *
 * Files fold into an AppsFold, plain JSON, and folds of consecutive stretches merge into the fold of
 * all of them, so a month's fold can be kept between builds (src/data/lib/apps-folds.ts) and a new
 * day reads only its own files. A fold's day lists its apps in rank order as indices into the fold's
 * `ids`, which keeps a month of 20 charts' top 100s small. Pure apart from consuming the iterable
 * it is given.
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

/** An app as a fold saw it; `names` are [name, first, last], in the order first seen; `developer` as last seen. */
export interface AppSighting {
  names: [name: string, first: string, last: string][];
  developer: string;
  first: string;
  last: string;
  best: number;
}

/** A chart's day: its last snapshot, and that snapshot's apps in its order with their ranks. */
export interface AppsDayPick {
  time: string;
  path: string;
  sha256: string;
  /** Indices into the fold's `ids`. */
  apps: number[];
  /** The apps' ranks; left out when they are 1, 2, 3, … in order, as in a whole chart. */
  ranks?: number[];
}

export interface AppsFold {
  measuredAsOf: string | null;
  /** Every app the fold saw, and (at the same index) how. */
  ids: string[];
  apps: AppSighting[];
  /** "store|country|chart" -> UTC day -> the day's pick. */
  charts: Record<string, Record<string, AppsDayPick>>;
}

export const emptyAppsFold = (): AppsFold => ({ measuredAsOf: null, ids: [], apps: [], charts: {} });

export function isAppsFold(value: unknown): value is AppsFold {
  const fold = value as AppsFold;
  return typeof fold === "object" && fold !== null && Array.isArray(fold.ids) && Array.isArray(fold.apps) && fold.ids.length === fold.apps.length && typeof fold.charts === "object" && fold.charts !== null;
}

/** A fold's index of its ids, built once per fold it merges into. */
const indexes = new WeakMap<AppsFold, Map<string, number>>();

function slotOf(fold: AppsFold, id: string): number {
  let index = indexes.get(fold);
  if (!index) indexes.set(fold, (index = new Map(fold.ids.map((x, i) => [x, i]))));
  let slot = index.get(id);
  if (slot === undefined) {
    index.set(id, (slot = fold.ids.length));
    fold.ids.push(id);
    fold.apps.push({ names: [], developer: "", first: "", last: "", best: Infinity });
  }
  return slot;
}

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : b > a ? b : a);

/** Adds what `seen` saw to `app`: the same as seeing its rows after `app`'s (a tie goes to `seen`). */
function mergeSighting(app: AppSighting, seen: AppSighting): void {
  for (const [name, first, last] of seen.names) {
    const known = app.names.find((n) => n[0] === name);
    if (!known) app.names.push([name, first, last]);
    else {
      if (first < known[1]) known[1] = first;
      if (last > known[2]) known[2] = last;
    }
  }
  if (seen.last >= app.last) Object.assign(app, { developer: seen.developer, last: seen.last });
  if (app.first === "" || seen.first < app.first) app.first = seen.first;
  if (seen.best < app.best) app.best = seen.best;
}

const isWholeChart = (ranks: readonly number[]) => ranks.every((rank, i) => rank === i + 1);

/** Adds `files`, oldest first, to `fold` (after anything already in it) and returns it. */
export async function foldApps(files: AsyncIterable<AppsSnapshotFile> | Iterable<AppsSnapshotFile>, fold: AppsFold = emptyAppsFold()): Promise<AppsFold> {
  for await (const file of files) {
    // A snapshot seen again unchanged is stored once, with the later times in `confirmed`.
    const times = [file.resource.retrieved, ...(file.resource.confirmed ?? [])];
    const first = times.reduce((a, b) => (b < a ? b : a));
    const last = times.reduce((a, b) => (b > a ? b : a));
    const byChart = new Map<string, Map<number, number>>();
    for (const row of file.rows) {
      const key = `${row.store}|${row.country}|${row.chart}`;
      let ranks = byChart.get(key);
      if (!ranks) byChart.set(key, (ranks = new Map()));
      const slot = slotOf(fold, row.app_id);
      ranks.set(slot, row.rank);
      mergeSighting(fold.apps[slot]!, { names: [[row.name, first, last]], developer: row.developer ?? "", first, last, best: row.rank });
    }
    const sha256 = file.resource.hash.replace(/^sha256:/, "");
    for (const time of times) {
      fold.measuredAsOf = later(fold.measuredAsOf, time);
      for (const [key, ranks] of byChart) {
        const days = (fold.charts[key] ??= {});
        const day = time.slice(0, 10);
        const current = days[day];
        if (current && time <= current.time) continue;
        const pick: AppsDayPick = { time, path: file.resource.path, sha256, apps: [...ranks.keys()] };
        const values = [...ranks.values()];
        if (!isWholeChart(values)) pick.ranks = values;
        days[day] = pick;
      }
    }
  }
  return fold;
}

/** Adds the fold of later files to `fold` and returns it: the same as folding all the files in one pass. */
export function mergeAppsFold(fold: AppsFold, next: AppsFold): AppsFold {
  fold.measuredAsOf = later(fold.measuredAsOf, next.measuredAsOf);
  const slots = next.ids.map((id, i) => {
    const slot = slotOf(fold, id);
    mergeSighting(fold.apps[slot]!, next.apps[i]!);
    return slot;
  });
  for (const [key, days] of Object.entries(next.charts)) {
    const mine = (fold.charts[key] ??= {});
    for (const [day, pick] of Object.entries(days)) {
      const current = mine[day];
      if (!current || pick.time > current.time) mine[day] = { ...pick, apps: pick.apps.map((a) => slots[a]!) };
    }
  }
  return fold;
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

/**
 * The index and every app's history from the folds of consecutive stretches of files, oldest
 * first: the same as merging them, without copying each day's apps into one fold's ids.
 */
export function appsFromFolds(parts: readonly AppsFold[], reported: readonly ReportedObservationRow[], tracked: readonly TrackedAppRow[]): AppsData {
  let measuredAsOf: string | null = null;
  // Every app gets a number; each part's slots map to them once, so a point costs array reads only.
  const numbers = new Map<string, number>();
  const ids: string[] = [];
  const apps: AppSighting[] = [];
  const picks = new Map<string, Map<string, { pick: AppsDayPick; numbers: Int32Array }>>();
  for (const part of parts) {
    measuredAsOf = later(measuredAsOf, part.measuredAsOf);
    const mine = new Int32Array(part.ids.length);
    part.ids.forEach((id, i) => {
      const seen = part.apps[i]!;
      let n = numbers.get(id);
      if (n === undefined) {
        numbers.set(id, (n = ids.length));
        ids.push(id);
        apps.push({ ...seen, names: seen.names.map((name) => [...name]) });
      } else mergeSighting(apps[n]!, seen);
      mine[i] = n;
    });
    for (const [key, days] of Object.entries(part.charts)) {
      let chartPicks = picks.get(key);
      if (!chartPicks) picks.set(key, (chartPicks = new Map()));
      for (const [day, pick] of Object.entries(days)) {
        const current = chartPicks.get(day);
        if (!current || pick.time > current.pick.time) chartPicks.set(day, { pick, numbers: mine });
      }
    }
  }

  const charts: DerivedChart[] = [];
  const histories: AppHistory[] = apps.map(() => ({ names: [], series: [] }));
  const lastDay = new Int32Array(ids.length);
  const seriesOf = new Array<number[] | undefined>(ids.length);
  for (const [key, days] of [...picks].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [store, country, chart] = key.split("|") as [ChartDays["store"], string, ChartDays["chart"]];
    const chartIndex = charts.length;
    const entry: DerivedChart = { store, country, chart, days: [], snapshots: [] };
    charts.push(entry);
    lastDay.fill(-1);
    seriesOf.fill(undefined);
    [...days].sort(([a], [b]) => (a < b ? -1 : 1)).forEach(([day, { pick, numbers: slots }], i) => {
      entry.days.push(day);
      entry.snapshots.push({ path: pick.path, sha256: pick.sha256 });
      for (let j = 0; j < pick.apps.length; j++) {
        const n = slots[pick.apps[j]!]!;
        let points = seriesOf[n];
        if (!points) histories[n]!.series.push({ chart: chartIndex, points: (seriesOf[n] = points = []) });
        points.push(i - lastDay[n]!, pick.ranks?.[j] ?? j + 1);
        lastDay[n] = i;
      }
    });
  }

  const history: Record<string, AppHistory> = {};
  const summaries: AppSummary[] = [];
  for (const [n, app] of apps.entries()) {
    const id = ids[n]!;
    const names = app.names.map(([name, first, last]) => ({ name, first, last })).sort(newestFirst);
    history[id] = { ...histories[n]!, names };
    summaries.push({ id, names: names.map((n) => n.name), developer: app.developer, first: app.first, last: app.last, best: app.best });
  }
  // Ordered by the times, then kept as days: the search lists UTC days.
  summaries.sort((a, b) => newestFirst(a, b) || a.best - b.best);
  const days = summaries.map((s) => ({ ...s, first: s.first.slice(0, 10), last: s.last.slice(0, 10) }));
  return { measuredAsOf, apps: days, charts, history, reported: reportedOf(reported, tracked) };
}

/** Every file in one pass. */
export async function deriveApps(
  files: AsyncIterable<AppsSnapshotFile> | Iterable<AppsSnapshotFile>,
  reported: readonly ReportedObservationRow[],
  tracked: readonly TrackedAppRow[],
): Promise<AppsData> {
  return appsFromFolds([await foldApps(files)], reported, tracked);
}
