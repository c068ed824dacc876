// data/events.json: the timeline of events (src/data/derive/events.ts).
import { latestRetrieved } from "../derive/as-of.ts";
import { deriveTimeline } from "../derive/events.ts";
import { jsonFile } from "./site-file.ts";

export const events = jsonFile("data/events.json", async (store) =>
  deriveTimeline({ events: await store.rows("events"), asOf: latestRetrieved((await store.manifestOf(["events"])).resources, ["events"]) }),
);
