// data/apps/index.json and data/apps/history.json: /apps's search index and every app's daily
// ranks (src/data/derive/apps.ts), from one reading of every chart snapshot file.
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

export const appsIndex = jsonFile("data/apps/index.json", async (store) => (await appsData(store)).index);
export const appsHistory = jsonFile("data/apps/history.json", async (store) => (await appsData(store)).history);
