// Framework's page loader for / (`npm run dev`); `npm run build` prints it with the site's data.
import { storyPage } from "./pages/story.ts";
import { runLoader } from "./data/outputs/run-loader.ts";

await runLoader(storyPage);
