// Framework data loader for data/methodology.json. Its body is src/data/outputs/methodology.ts, which `npm run build`
// runs together with every other output in one process (scripts/loader-cache.ts).
import { methodology } from "./outputs/methodology.ts";
import { runLoader } from "./outputs/run-loader.ts";

await runLoader(methodology);
