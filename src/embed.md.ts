// Framework's page loader for /embed (`npm run dev`); `npm run build` prints it.
import { embedPage } from "./pages/embed.ts";
import { runLoader } from "./data/outputs/run-loader.ts";

await runLoader(embedPage);
