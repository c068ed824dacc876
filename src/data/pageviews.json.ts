// Framework data loader for data/pageviews.json. Its body is src/data/outputs/pageviews.ts, which `npm run build`
// runs together with every other output in one process (scripts/loader-cache.ts).
import { pageviews } from "./outputs/pageviews.ts";
import { runLoader } from "./outputs/run-loader.ts";

await runLoader(pageviews);
