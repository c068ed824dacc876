// Framework data loader for data/events.json. Its body is src/data/outputs/events.ts, which `npm run build`
// runs together with every other output in one process (scripts/loader-cache.ts).
import { events } from "./outputs/events.ts";
import { runLoader } from "./outputs/run-loader.ts";

await runLoader(events);
