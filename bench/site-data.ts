/**
 * The build's data step alone (scripts/loader-cache.ts): every file of the site's data written from
 * TRACKER_DATA_DIR into a scratch Framework root, and the total size printed. For bench/run.ts:
 *   node --import tsx bench/site-data.ts <scratch-root>
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { resolveDataDir } from "../loaders/config.ts";
import { fillLoaderCache, LOADER_CACHE } from "../scripts/loader-cache.ts";

const root = process.argv[2];
if (!root) {
  console.error("usage: node --import tsx bench/site-data.ts <scratch-root>");
  process.exit(2);
}
const written = await fillLoaderCache(root, resolveDataDir());
const bytes = written.reduce((sum, path) => sum + statSync(join(root, LOADER_CACHE, path)).size, 0);
process.stdout.write(`${written.length} files, ${bytes} bytes\n`);
