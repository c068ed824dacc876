/**
 * Fills Framework's loader cache with every file of the site's data (src/data/outputs) and every
 * page's Markdown (src/pages, and the embed pages of src/embed/page.ts), all
 * written by this one process from one reading of the store, and with the embed pages' bundles
 * (src/embed/bundle.ts). Framework then finds each loader's
 * output in place and runs none of them: one process start and one reading of the store instead of
 * one per loader, each of which took most of a second before reading anything.
 *
 * Framework's build takes a loader's output from .observablehq/cache/<path> whenever it is there
 * (scripts/build.ts clears them first); each file here is written to a temp name and renamed into
 * place, so a failed build never leaves half a file where Framework would take it.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { SITE_FILES } from "../src/data/outputs/index.ts";
import { EMBED_BUNDLES } from "../src/embed/bundle.ts";
import { EMBED_PAGES } from "../src/embed/page.ts";
import { PAGES } from "../src/pages/index.ts";
import type { SiteFile, Sink } from "../src/data/outputs/site-file.ts";
import { openSiteStore } from "../src/data/outputs/site-store.ts";
import { writeDownloads, type Download } from "../src/data/outputs/downloads.ts";
import { appsSnapshotFiles } from "../src/data/outputs/apps.ts";
import type { SiteStore } from "../src/data/outputs/site-store.ts";

export const LOADER_CACHE = ".observablehq/cache";

function fileSink(fd: number): Sink {
  return {
    async write(chunk) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
    },
  };
}

/** What the build writes for Framework: every loader's output, the pages printed from the data last. */
export const BUILD_FILES = [...SITE_FILES, ...EMBED_BUNDLES, ...PAGES, ...EMBED_PAGES];
/** Files whose set depends on what is stored, each with a parameterized loader (the downloads are written apart, by writeDownloads). */
export const STORE_FILES: readonly ((store: SiteStore) => Promise<SiteFile[]>)[] = [appsSnapshotFiles];
/**
 * /apps's files and the pages that list them: they derive /apps (listing its chart-year files
 * does too), the largest of the site's data, so they are written last and everything else is
 * written before it is held in memory (peak after a new day at 5 years: 630 → 540 MB).
 */
export const isAppsFile = (path: string) => path === "apps.md" || path === "embed/app.md" || path.startsWith("data/apps/");

/** What fillLoaderCache wrote, and how long each step took (for the bench). */
export interface Filled {
  downloads: Download[];
  downloadsMs: number;
  /** Finding the files whose set depends on what is stored (for /apps, its whole derivation). */
  storeFilesMs: number;
  files: { path: string; ms: number }[];
}

/** Writes every download, every file of `files` and every file of `storeFiles` under `<root>/.observablehq/cache/`. */
export async function fillLoaderCache(root: string, dataDir: string, files: readonly SiteFile[] = BUILD_FILES, storeFiles = STORE_FILES): Promise<Filled> {
  const store = openSiteStore(dataDir);
  let started = performance.now();
  const downloads = await writeDownloads(store, join(root, LOADER_CACHE));
  const filled: Filled = { downloads, downloadsMs: performance.now() - started, storeFilesMs: 0, files: [] };
  const write = async (file: SiteFile) => {
    const target = join(root, LOADER_CACHE, file.path);
    const temp = `${target}.${process.pid}.tmp`;
    mkdirSync(dirname(target), { recursive: true });
    const fd = openSync(temp, "w");
    const began = performance.now();
    try {
      await file.write(store, fileSink(fd));
    } catch (error) {
      closeSync(fd);
      rmSync(temp, { force: true });
      throw new Error(`${file.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    closeSync(fd);
    renameSync(temp, target);
    filled.files.push({ path: file.path, ms: performance.now() - began });
  };
  for (const file of files.filter((f) => !isAppsFile(f.path))) await write(file);
  started = performance.now();
  const listed = (await Promise.all(storeFiles.map((list) => list(store)))).flat();
  filled.storeFilesMs = performance.now() - started;
  for (const file of [...listed, ...files.filter((f) => isAppsFile(f.path))]) await write(file);
  return filled;
}
