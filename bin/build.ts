/** `npm run build`: the site from the data directory (TRACKER_DATA_DIR) into dist/ or TRACKER_OUTPUT_DIR (scripts/build.ts). */
import { resolve } from "node:path";
import { PROJECT_ROOT, resolveDataDir } from "../loaders/config.ts";
import { buildSite } from "../scripts/build.ts";

const output = resolve(PROJECT_ROOT, process.env.TRACKER_OUTPUT_DIR ?? "dist");
try {
  await buildSite(output, resolveDataDir(), (message) => console.log(`build: ${message}`));
  console.log(`build: site written to ${output}`);
} catch (error) {
  console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
