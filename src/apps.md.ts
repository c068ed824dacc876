// Framework's page loader for /apps (`npm run dev`); `npm run build` prints it with the site's data.
import { appsPage } from "./pages/apps.ts";
import { runLoader } from "./data/outputs/run-loader.ts";

await runLoader(appsPage);
