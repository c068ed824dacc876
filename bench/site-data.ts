/**
 * The build's data step alone (scripts/loader-cache.ts): every file of the site's data written from
 * TRACKER_DATA_DIR into a scratch Framework root; prints one line of JSON with the files written,
 * their total size, the largest download and the seconds each kind of file took (in the order
 * written; a file that reads a derivation another already did costs only its own part).
 * `--without-apps` leaves out /apps, the app embed and their data files (src/data/outputs/apps.ts), so the rest's
 * share can be told apart. For bench/run.ts:
 *   node --import tsx bench/site-data.ts <scratch-root> [--without-apps]
 */
import { resolveDataDir } from "../loaders/config.ts";
import { BUILD_FILES, fillLoaderCache, isAppsFile, STORE_FILES } from "../scripts/loader-cache.ts";

const [root, option] = process.argv.slice(2);
if (!root || (option !== undefined && option !== "--without-apps")) {
  console.error("usage: node --import tsx bench/site-data.ts <scratch-root> [--without-apps]");
  process.exit(2);
}
const filled = await fillLoaderCache(root, resolveDataDir(), option ? BUILD_FILES.filter((f) => !isAppsFile(f.path)) : BUILD_FILES, option ? [] : STORE_FILES);
const largest = filled.downloads.reduce((a, b) => (b.bytes > a.bytes ? b : a), filled.downloads[0]!);
// Listing /apps's chart-year files derives /apps: its share.
const seconds: Record<string, number> = { downloads: filled.downloadsMs / 1000, apps: filled.storeFilesMs / 1000 };
for (const { path, ms } of filled.files) {
  const kind = isAppsFile(path) ? "apps" : path.endsWith(".md") ? "pages" : path.startsWith("embed/") ? "embed" : path.replace(/\.[a-z]+$/, "").replace(/^data\//, "");
  seconds[kind] = (seconds[kind] ?? 0) + ms / 1000;
}
for (const kind of Object.keys(seconds)) seconds[kind] = Math.round(seconds[kind]! * 100) / 100;
process.stdout.write(
  `${JSON.stringify({
    files: filled.downloads.length + filled.files.length,
    downloads: filled.downloads.length,
    download_bytes: filled.downloads.reduce((sum, d) => sum + d.bytes, 0),
    largest_download: largest ? { path: largest.path, bytes: largest.bytes } : null,
    seconds,
  })}\n`,
);
