// Framework data loader for data/hashtags.json. Its body is src/data/outputs/hashtags.ts, which `npm run build`
// runs together with every other output in one process (scripts/loader-cache.ts).
import { hashtags } from "./outputs/hashtags.ts";
import { runLoader } from "./outputs/run-loader.ts";

await runLoader(hashtags);
