// Framework data loader: the overview's headline figures, read through the store.
import { resolveDataDir } from "../../loaders/config.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { readAll } from "../../loaders/store/read.ts";
import { deriveOverview } from "./derive/overview.ts";

const dataDir = resolveDataDir();
const overview = deriveOverview({
  reported: await readAll(dataDir, "reported"),
  pageviews: await readAll(dataDir, "pageviews"),
  resources: (await readManifest(dataDir)).resources,
});
process.stdout.write(JSON.stringify(overview));
