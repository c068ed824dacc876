// data/pageviews.json: Wikipedia page views per article, with the story's events (src/data/derive/pageviews.ts).
import { BACKFILL_START, latestPageviews } from "../../../loaders/sources/wikipedia-pageviews.ts";
import { latestRetrieved } from "../derive/as-of.ts";
import { derivePageviews } from "../derive/pageviews.ts";
import { jsonFile } from "./site-file.ts";

export const pageviews = jsonFile("data/pageviews.json", async (store) =>
  derivePageviews({
    pageviews: await store.rows("pageviews"),
    events: await store.rows("events"),
    asOf: latestRetrieved((await store.manifestOf(["pageviews"])).resources, ["pageviews"]),
    backfillStart: BACKFILL_START,
    resolve: latestPageviews,
  }),
);
