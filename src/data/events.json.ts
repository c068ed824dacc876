// Framework data loader: the timeline of events, read through the store from TRACKER_DATA_DIR.
import { resolveDataDir } from "../../loaders/config.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { readAll } from "../../loaders/store/read.ts";
import { latestRetrieved } from "./derive/as-of.ts";
import { deriveTimeline } from "./derive/events.ts";

const dataDir = resolveDataDir();
const { resources } = await readManifest(dataDir);
const data = deriveTimeline({ events: await readAll(dataDir, "events"), asOf: latestRetrieved(resources, ["events"]) });
process.stdout.write(JSON.stringify(data));
