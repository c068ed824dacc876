// Framework data loader for data/rankings.json. Its body is src/data/outputs/rankings.ts, which `npm run build`
// runs together with every other output in one process (scripts/loader-cache.ts).
import { rankings } from "./outputs/rankings.ts";
import { runLoader } from "./outputs/run-loader.ts";

await runLoader(rankings);
