// data/story.json: the home page's story (src/data/derive/story.ts).
import { latestRetrieved } from "../derive/as-of.ts";
import { deriveStory } from "../derive/story.ts";
import { jsonFile } from "./site-file.ts";

export const story = jsonFile("data/story.json", async (store) =>
  deriveStory({
    reported: await store.rows("reported"),
    events: await store.rows("events"),
    apps: await store.rows("tracked_apps"),
    asOf: latestRetrieved((await store.manifestOf(["reported", "events", "tracked_apps"])).resources, ["reported", "events", "tracked_apps"], { confirmed: false }),
  }),
);
