// Framework data loader for feed.xml. Its body is src/data/outputs/feed.ts, which `npm run build`
// runs together with every other output in one process (scripts/loader-cache.ts).
import { feed } from "./data/outputs/feed.ts";
import { runLoader } from "./data/outputs/run-loader.ts";

await runLoader(feed);
