// Framework's page loader for /timeline (`npm run dev`); `npm run build` prints it with the site's data.
import { timelinePage } from "./pages/timeline.ts";
import { runLoader } from "./data/outputs/run-loader.ts";

await runLoader(timelinePage);
