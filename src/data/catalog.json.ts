// Framework data loader for data/catalog.json. Its body is src/data/outputs/catalog.ts, which `npm run build`
// runs together with every other output in one process (scripts/loader-cache.ts).
import { catalog } from "./outputs/catalog.ts";
import { runLoader } from "./outputs/run-loader.ts";

await runLoader(catalog);
