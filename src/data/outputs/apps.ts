// data/apps/: /apps's search index, the charts' snapshot files, and every app's daily ranks in 256
// files by a hash of its id (src/data/derive/apps.ts), from one reading of every chart snapshot file.
import { APPS_INDEX_PATH, APPS_SNAPSHOTS_PATH, historyPath, historyShard, HISTORY_SHARDS } from "../../components/app-shards.ts";
import type { AppsRanks } from "../../components/app-types.ts";
import { readDatasetFiles } from "../../../loaders/store/read.ts";
import { deriveApps, type AppsData } from "../derive/apps.ts";
import { jsonFile } from "./site-file.ts";
import type { SiteStore } from "./site-store.ts";

const derived = new WeakMap<SiteStore, Promise<AppsData>>();

function appsData(store: SiteStore): Promise<AppsData> {
  let data = derived.get(store);
  if (!data) {
    data = (async () =>
      deriveApps(
        readDatasetFiles(store.dataDir, "chart_snapshots", { manifest: await store.manifestOf(["chart_snapshots"]) }),
        await store.rows("reported"),
        await store.rows("tracked_apps"),
      ))();
    derived.set(store, data);
  }
  return data;
}

export const appsIndex = jsonFile(APPS_INDEX_PATH, async (store) => (await appsData(store)).index);
export const appsSnapshots = jsonFile(APPS_SNAPSHOTS_PATH, async (store) => {
  const { snapshots, charts } = (await appsData(store)).history;
  return { snapshots, charts };
});

export function appsHistoryShard(shard: string) {
  return jsonFile(historyPath(shard), async (store): Promise<AppsRanks> => {
    const { apps, reported } = (await appsData(store)).history;
    const mine = (id: string) => historyShard(id) === shard;
    return {
      apps: Object.fromEntries(Object.entries(apps).filter(([id]) => mine(id))),
      reported: Object.fromEntries(Object.entries(reported).filter(([id]) => mine(id))),
    };
  });
}

export const appsHistoryShards = HISTORY_SHARDS.map(appsHistoryShard);
