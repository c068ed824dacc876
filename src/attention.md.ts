// Framework's page loader for /attention (`npm run dev`); `npm run build` prints it with the site's data.
import { attentionPage } from "./pages/attention.ts";
import { runLoader } from "./data/outputs/run-loader.ts";

await runLoader(attentionPage);
