// Framework's page loader for /methodology (`npm run dev`); `npm run build` prints it with the site's data.
import { methodologyPage } from "./pages/methodology.ts";
import { runLoader } from "./data/outputs/run-loader.ts";

await runLoader(methodologyPage);
