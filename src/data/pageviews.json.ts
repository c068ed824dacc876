// Framework data loader: Wikipedia page views per article, with the story's events, read through the store.
import { resolveDataDir } from "../../loaders/config.ts";
import { BACKFILL_START, latestPageviews } from "../../loaders/sources/wikipedia-pageviews.ts";
import { readManifest } from "../../loaders/store/manifest.ts";
import { readAll } from "../../loaders/store/read.ts";
import { latestRetrieved } from "./derive/as-of.ts";
import { derivePageviews } from "./derive/pageviews.ts";

const dataDir = resolveDataDir();
const { resources } = await readManifest(dataDir);

const data = derivePageviews({
  pageviews: await readAll(dataDir, "pageviews"),
  events: await readAll(dataDir, "events"),
  asOf: latestRetrieved(resources, ["pageviews"]),
  backfillStart: BACKFILL_START,
  resolve: latestPageviews,
});
process.stdout.write(JSON.stringify(data));
