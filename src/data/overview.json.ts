// Framework data loader for data/overview.json. Its body is src/data/outputs/overview.ts, which `npm run build`
// runs together with every other output in one process (scripts/loader-cache.ts).
import { overview } from "./outputs/overview.ts";
import { runLoader } from "./outputs/run-loader.ts";

await runLoader(overview);
