// Framework data loader for data/apps/history.json. Its body is src/data/outputs/apps.ts, which `npm run build`
// runs together with every other output in one process (scripts/loader-cache.ts).
import { appsHistory } from "../outputs/apps.ts";
import { runLoader } from "../outputs/run-loader.ts";

await runLoader(appsHistory);
