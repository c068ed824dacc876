/**
 * The build's data step alone (scripts/loader-cache.ts): every file of the site's data written from
 * TRACKER_DATA_DIR into a scratch Framework root; prints one line of JSON with the files written,
 * their total size and the largest download. `--without-apps` leaves out /apps and its data files
 * (src/data/outputs/apps.ts), so the rest's share can be told apart. For bench/run.ts:
 *   node --import tsx bench/site-data.ts <scratch-root> [--without-apps]
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { resolveDataDir } from "../loaders/config.ts";
import { BUILD_FILES, fillLoaderCache, LOADER_CACHE } from "../scripts/loader-cache.ts";

const [root, option] = process.argv.slice(2);
if (!root || (option !== undefined && option !== "--without-apps")) {
  console.error("usage: node --import tsx bench/site-data.ts <scratch-root> [--without-apps]");
  process.exit(2);
}
const isApps = (path: string) => path === "apps.md" || path.startsWith("data/apps/");
const files = option ? BUILD_FILES.filter((f) => !isApps(f.path)) : BUILD_FILES;
const written = await fillLoaderCache(root, resolveDataDir(), files);
const size = (path: string) => statSync(join(root, LOADER_CACHE, path)).size;
const downloads = written.filter((path) => /^data\/(csv|parquet)\//.test(path));
const largest = downloads.reduce((a, b) => (size(b) > size(a) ? b : a), downloads[0] ?? "");
const bytes = written.reduce((sum, path) => sum + size(path), 0);
process.stdout.write(`${JSON.stringify({ files: written.length, bytes, downloads: downloads.length, largest_download: largest || null, largest_download_bytes: largest ? size(largest) : 0 })}\n`);
