// data/apps/: /apps's search index, the charts' snapshot files, and every app's daily ranks in 256
// files by a hash of its id (src/data/derive/apps.ts). Chart snapshots come folded month by month,
// each month kept between builds, so a new day reads only its own files (as data/rankings.json).
import { APPS_INDEX_PATH, APPS_SNAPSHOTS_PATH, historyPath, historyShard, HISTORY_SHARDS } from "../../components/app-shards.ts";
import type { AppsRanks } from "../../components/app-types.ts";
import { appsFromFolds, type AppsData } from "../derive/apps.ts";
import { appsFolds } from "../lib/apps-folds.ts";
import { chartMonths, indexedChartMonths } from "../lib/chart-months.ts";
import { jsonFile } from "./site-file.ts";
import type { SiteStore } from "./site-store.ts";

const derived = new WeakMap<SiteStore, Promise<AppsData>>();

function appsData(store: SiteStore): Promise<AppsData> {
  let data = derived.get(store);
  if (!data) {
    data = (async () => {
      const index = await store.index();
      const months = index ? indexedChartMonths(index) : chartMonths((await store.manifest()).resources);
      return appsFromFolds(await appsFolds(store.dataDir, months, store.cacheDir), await store.rows("reported"), await store.rows("tracked_apps"));
    })();
    derived.set(store, data);
  }
  return data;
}

export const appsIndex = jsonFile(APPS_INDEX_PATH, async (store) => (await appsData(store)).index);
export const appsSnapshots = jsonFile(APPS_SNAPSHOTS_PATH, async (store) => {
  const { snapshots, charts } = (await appsData(store)).history;
  return { snapshots, charts };
});

const sharded = new WeakMap<SiteStore, Promise<Map<string, AppsRanks>>>();

/** Every app's history in the file its id hashes to, split once for all 256 files. */
function shards(store: SiteStore): Promise<Map<string, AppsRanks>> {
  let split = sharded.get(store);
  if (!split) {
    split = appsData(store).then(({ history }) => {
      const out = new Map(HISTORY_SHARDS.map((shard): [string, AppsRanks] => [shard, { apps: {}, reported: {} }]));
      for (const [id, app] of Object.entries(history.apps)) out.get(historyShard(id))!.apps[id] = app;
      for (const [id, rows] of Object.entries(history.reported)) out.get(historyShard(id))!.reported[id] = rows;
      return out;
    });
    sharded.set(store, split);
  }
  return split;
}

export function appsHistoryShard(shard: string) {
  return jsonFile(historyPath(shard), async (store): Promise<AppsRanks> => (await shards(store)).get(shard)!);
}

export const appsHistoryShards = HISTORY_SHARDS.map(appsHistoryShard);
