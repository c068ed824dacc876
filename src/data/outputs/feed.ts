// feed.xml: the Atom feed of chart moves (src/data/derive/feed.ts), from the newest snapshots only
// (src/data/lib/recent-moves.ts).
import { latestRetrieved } from "../derive/as-of.ts";
import { atomFeed, FEED_ENTRIES, FEED_PATH } from "../derive/feed.ts";
import { recentMoves } from "../lib/recent-moves.ts";
import { siteRootFromEnv } from "../../embed/config.ts";
import type { SiteFile } from "./site-file.ts";

/** A feed with no entry is as new as the tracked-app list it would compare against. */
const NEVER = "1970-01-01T00:00:00.000Z";

export const feed: SiteFile = {
  path: FEED_PATH,
  async write(store, sink) {
    const tracked = await store.rows("tracked_apps");
    const { moves } = await recentMoves(store, tracked, FEED_ENTRIES);
    const emptyUpdated = latestRetrieved((await store.manifestOf(["tracked_apps"])).resources, ["tracked_apps"]) ?? NEVER;
    await sink.write(atomFeed({ moves, emptyUpdated, siteRoot: siteRootFromEnv() }));
  },
};
