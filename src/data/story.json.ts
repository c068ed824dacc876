// Framework data loader for data/story.json. Its body is src/data/outputs/story.ts, which `npm run build`
// runs together with every other output in one process (scripts/loader-cache.ts).
import { story } from "./outputs/story.ts";
import { runLoader } from "./outputs/run-loader.ts";

await runLoader(story);
