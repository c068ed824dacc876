// Framework data loader: reported and measured hashtag counts, read through the store from TRACKER_DATA_DIR.
import { resolveDataDir } from "../../loaders/config.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { readAll } from "../../loaders/store/read.ts";
import { latestRetrieved } from "./derive/as-of.ts";
import { deriveHashtags } from "./derive/hashtags.ts";

const dataDir = resolveDataDir();
const { resources } = await readManifest(dataDir);

const data = deriveHashtags({
  reported: await readAll(dataDir, "reported"),
  hashtagCounts: await readAll(dataDir, "hashtag_counts"),
  asOf: latestRetrieved(resources, ["reported"]),
  measuredAsOf: latestRetrieved(resources, ["hashtag_counts"]),
});
process.stdout.write(JSON.stringify(data));
