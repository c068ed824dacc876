// Framework data loader: the rankings page's data, read through the store from TRACKER_DATA_DIR.
// Chart snapshots are streamed file by file; only the tracked apps' daily ranks leave this file.
import { resolveDataDir } from "../../loaders/config.ts";
import { readAll, readDatasetFiles } from "../../loaders/store/read.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { deriveRankings } from "./derive/rankings.ts";

const dataDir = resolveDataDir();
const manifest = await readManifest(dataDir);
const used = new Set(["reported", "events", "tracked_apps"]);
const retrieved = manifest.resources.filter((r) => used.has(r.dataset)).map((r) => r.retrieved);

const rankings = await deriveRankings({
  snapshots: readDatasetFiles(dataDir, "chart_snapshots"),
  reported: await readAll(dataDir, "reported"),
  events: await readAll(dataDir, "events"),
  apps: await readAll(dataDir, "tracked_apps"),
  asOf: retrieved.length > 0 ? retrieved.reduce((a, b) => (b > a ? b : a)) : null,
});
process.stdout.write(JSON.stringify(rankings));
