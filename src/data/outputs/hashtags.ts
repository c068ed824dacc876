// data/hashtags.json: reported and measured hashtag counts (src/data/derive/hashtags.ts).
import { latestRetrieved } from "../derive/as-of.ts";
import { deriveHashtags } from "../derive/hashtags.ts";
import { jsonFile } from "./site-file.ts";

export const hashtags = jsonFile("data/hashtags.json", async (store) => {
  const { resources } = await store.manifestOf(["reported", "hashtag_counts"]);
  return deriveHashtags({
    reported: await store.rows("reported"),
    hashtagCounts: await store.rows("hashtag_counts"),
    asOf: latestRetrieved(resources, ["reported"]),
    measuredAsOf: latestRetrieved(resources, ["hashtag_counts"]),
  });
});
