// Framework's page loader for /data (`npm run dev`); `npm run build` prints it with the site's data.
import { dataPage } from "./pages/data.ts";
import { runLoader } from "./data/outputs/run-loader.ts";

await runLoader(dataPage);
