/**
 * One file of the site's data derived in this process, timed apart from the process's start and
 * imports (which derive_floor_s measures): how long deriving takes where many outputs share one
 * process, as in `npm run build`. For bench/run.ts, with TRACKER_DATA_DIR and TRACKER_CACHE_DIR set:
 *   node --import tsx bench/derive-in-process.ts data/rankings.json
 * Prints {"path", "ms", "bytes"} as one line of JSON; the derived file itself is discarded.
 */
import { resolveDataDir } from "../loaders/config.ts";
import { SITE_FILES } from "../src/data/outputs/index.ts";
import { openSiteStore } from "../src/data/outputs/site-store.ts";

const path = process.argv[2];
const file = SITE_FILES.find((f) => f.path === path);
if (!file) {
  console.error(`usage: node --import tsx bench/derive-in-process.ts <${SITE_FILES.map((f) => f.path).join(" | ")}>`);
  process.exit(2);
}
let bytes = 0;
const started = performance.now();
await file.write(openSiteStore(resolveDataDir()), { write: async (chunk) => void (bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length) });
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ path, ms: Math.round(ms), bytes })}\n`);
