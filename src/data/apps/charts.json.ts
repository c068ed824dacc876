// Framework data loader for data/apps/charts.json. Its body is src/data/outputs/apps.ts, which `npm run build`
// runs together with every other output in one process (scripts/loader-cache.ts).
import { appsCharts } from "../outputs/apps.ts";
import { runLoader } from "../outputs/run-loader.ts";

await runLoader(appsCharts);
