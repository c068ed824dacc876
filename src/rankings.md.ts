// Framework's page loader for /rankings (`npm run dev`); `npm run build` prints it with the site's data.
import { rankingsPage } from "./pages/rankings.ts";
import { runLoader } from "./data/outputs/run-loader.ts";

await runLoader(rankingsPage);
