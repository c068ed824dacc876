// data/apps/: /apps's search files, every chart's days, every app's daily ranks in 256 files by a
// hash of its id, and each chart-year's snapshot files and sha256 (src/components/app-shards.ts),
// from every chart snapshot folded month by month (src/data/derive/apps.ts), each month kept between
// builds, so a new day reads only its own files (as data/rankings.json).
import { searchFileColumns, toDaySteps } from "../../components/app-columns.ts";
import {
  APPS_CHARTS_PATH,
  APPS_INDEX_PATH,
  chartName,
  historyPath,
  historyShard,
  HISTORY_SHARDS,
  idsPath,
  SEARCH_BUCKETS,
  searchPath,
  snapshotsPath,
} from "../../components/app-shards.ts";
import type { AppColumns, AppsCharts, AppsIndex, AppsRanks, ChartYearSnapshots } from "../../components/app-types.ts";
import { appsFromFolds, type AppsData } from "../derive/apps.ts";
import { appsFolds } from "../lib/apps-folds.ts";
import { jsonFile, type JsonFile } from "./site-file.ts";
import type { SiteStore } from "./site-store.ts";

/** `derive` once per store, however many files read it. */
function perStore<T>(derive: (store: SiteStore) => Promise<T>): (store: SiteStore) => Promise<T> {
  const derived = new WeakMap<SiteStore, Promise<T>>();
  return (store) => {
    let value = derived.get(store);
    if (!value) derived.set(store, (value = derive(store)));
    return value;
  };
}

export const appsData = perStore(async (store): Promise<AppsData> => {
  return appsFromFolds(await appsFolds(store.dataDir, await store.segments("chart_snapshots"), store.cacheDir), await store.rows("reported"), await store.rows("tracked_apps"));
});

const searchFiles = perStore(async (store) => searchFileColumns((await appsData(store)).apps));

export const appsIndex = jsonFile(APPS_INDEX_PATH, async (store): Promise<AppsIndex> => {
  const { measuredAsOf, apps } = await appsData(store);
  return { measuredAsOf, apps: apps.length };
});

export const appsCharts = jsonFile(APPS_CHARTS_PATH, async (store): Promise<AppsCharts> => {
  const { measuredAsOf, charts } = await appsData(store);
  return { measuredAsOf, charts: charts.map(({ store, country, chart, days }) => ({ store, country, chart, days: toDaySteps(days) })) };
});

export const appsSearchFiles = SEARCH_BUCKETS.map((bucket) => jsonFile(searchPath(bucket), async (store): Promise<AppColumns> => (await searchFiles(store)).names.get(bucket)!));
export const appsIdsFiles = SEARCH_BUCKETS.map((bucket) => jsonFile(idsPath(bucket), async (store): Promise<AppColumns> => (await searchFiles(store)).ids.get(bucket)!));

/** Every app's history in the file its id hashes to, split once for all 256 files. */
const shards = perStore(async (store) => {
  const { history, reported } = await appsData(store);
  const out = new Map(HISTORY_SHARDS.map((shard): [string, AppsRanks] => [shard, { apps: {}, reported: {} }]));
  for (const [id, app] of Object.entries(history)) out.get(historyShard(id))!.apps[id] = app;
  for (const [id, rows] of Object.entries(reported)) out.get(historyShard(id))!.reported[id] = rows;
  return out;
});

export function appsHistoryShard(shard: string) {
  return jsonFile(historyPath(shard), async (store): Promise<AppsRanks> => (await shards(store)).get(shard)!);
}

export const appsHistoryShards = HISTORY_SHARDS.map(appsHistoryShard);

/** Each chart-year's file, named <chart>-<year> (app-store-us-top-free-2025), oldest first per chart. */
const chartYears = perStore(async (store) => {
  const years = new Map<string, ChartYearSnapshots>();
  for (const chart of (await appsData(store)).charts) {
    chart.days.forEach((day, i) => {
      const name = `${chartName(chart)}-${day.slice(0, 4)}`;
      let year = years.get(name);
      if (!year) years.set(name, (year = { path: [], sha256: [] }));
      year.path.push(chart.snapshots[i]!.path);
      year.sha256.push(chart.snapshots[i]!.sha256);
    });
  }
  return years;
});

/** The names of the chart-years' files this store has (the pages list them for Framework to copy). */
export const appsSnapshotNames = async (store: SiteStore): Promise<string[]> => [...(await chartYears(store)).keys()];

/** data/apps/snapshots/<name>.json alone (Framework's loader in `npm run dev`). */
export function appsSnapshotFile(name: string): JsonFile<ChartYearSnapshots> {
  return jsonFile(snapshotsPath(name), async (store) => {
    const year = (await chartYears(store)).get(name);
    if (!year) throw new Error(`no chart-year named ${JSON.stringify(name)}: the store has ${[...(await chartYears(store)).keys()].join(", ") || "no chart"}.`);
    return year;
  });
}

/** Every chart-year's file: what the store holds decides which there are, so the build writes them apart from SITE_FILES. */
export const appsSnapshotFiles = async (store: SiteStore) => (await appsSnapshotNames(store)).map(appsSnapshotFile);
