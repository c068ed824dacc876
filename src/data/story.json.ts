// Framework data loader: the home page's story, read through the store from TRACKER_DATA_DIR.
import { resolveDataDir } from "../../loaders/config.ts";
import { readAll } from "../../loaders/store/read.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { deriveStory } from "./derive/story.ts";

const dataDir = resolveDataDir();
const manifest = await readManifest(dataDir);
const used = new Set(["reported", "events", "tracked_apps"]);
const retrieved = manifest.resources.filter((r) => used.has(r.dataset)).map((r) => r.retrieved);

const story = deriveStory({
  reported: await readAll(dataDir, "reported"),
  events: await readAll(dataDir, "events"),
  apps: await readAll(dataDir, "tracked_apps"),
  asOf: retrieved.length > 0 ? retrieved.reduce((a, b) => (b > a ? b : a)) : null,
});
process.stdout.write(JSON.stringify(story));
