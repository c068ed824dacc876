// Framework data loader: the Methodology page's conflicts and counts, every number from the
// stored reported numbers and events, read through the store from TRACKER_DATA_DIR.
import { resolveDataDir } from "../../loaders/config.ts";
import { DATASETS, type DatasetName } from "../../loaders/schema.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { readAll, resourcesToRead } from "../../loaders/store/read.ts";
import { deriveMethodology } from "./derive/methodology.ts";

const dataDir = resolveDataDir();
const manifest = await readManifest(dataDir);
const measured = (Object.keys(DATASETS) as DatasetName[])
  .filter((name) => DATASETS[name].kind === "measured")
  .map((name) => ({ name, title: DATASETS[name].title, rows: resourcesToRead(manifest.resources, name).reduce((sum, r) => sum + r.rows, 0) }));
const used = new Set<string>(["reported", "events", "tracked_apps"]);
const times = manifest.resources.filter((r) => used.has(r.dataset)).flatMap((r) => [r.retrieved, ...(r.confirmed ?? [])]);

process.stdout.write(
  JSON.stringify(
    deriveMethodology({
      reported: await readAll(dataDir, "reported"),
      events: await readAll(dataDir, "events"),
      apps: await readAll(dataDir, "tracked_apps"),
      measured,
      asOf: times.length > 0 ? times.reduce((a, b) => (b > a ? b : a)) : null,
    }),
  ),
);
