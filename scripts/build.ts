/**
 * What `npm run build` does (bin/build.ts): the site from the data directory, offline. Framework's
 * build uses a loader's cached output if there is one, so the loaders' cached outputs are removed
 * first and written in this process (scripts/loader-cache.ts); bundles of node_modules packages
 * stay cached. The output is then checked for any address a reader's browser would fetch
 * from a CDN. The charts' static SVG/PNG images (scripts/embed-images.ts) are drawn while
 * Framework builds.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "../loaders/config.ts";
import { acquireLock } from "../loaders/store/lock.ts";
import { findCdnReferences } from "./cdn-check.ts";
import { seedNpmVersionCache } from "./npm-version-cache.ts";
import { fixBuiltHtml } from "./html-fixes.ts";
import { fillLoaderCache, LOADER_CACHE } from "./loader-cache.ts";

/** Why the build stopped, in one sentence (the door prints it after "build: "). */
export class BuildError extends Error {}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Builds the site from `dataDir` into `output`; `log` gets each step's line. */
export async function buildSite(output: string, dataDir: string, log: (message: string) => void): Promise<void> {
  const root = join(PROJECT_ROOT, "src");
  // Framework empties its output folder only inside the project, and otherwise stops at the first
  // file an earlier build left ("file conflict"). An earlier build elsewhere is emptied here; any
  // other folder with something in it is left alone.
  if (relative(PROJECT_ROOT, output).startsWith("..") && (await readdir(output).catch(() => [])).length > 0) {
    if (!existsSync(join(output, "_observablehq"))) throw new BuildError(`${output} is not empty and holds no earlier build; set TRACKER_OUTPUT_DIR to an empty or new folder.`);
    await rm(output, { recursive: true, force: true });
  }
  // Framework's cache is this checkout's (src/.observablehq/cache): two builds at once would undo
  // each other's files, so a second one waits for the first.
  const frameworkDir = join(root, ".observablehq");
  mkdirSync(frameworkDir, { recursive: true });
  const release = await acquireLock(frameworkDir, { waitMs: 10 * 60_000, log: (message) => console.error(`build: ${message}`) });
  try {
    // Framework's build takes a loader's cached output even when the loader changed since (it loads
    // with useStale): every output is made anew, ours here and the rest (embed-loader.js) by
    // Framework. Its own entries (_npm, _node, …) stay.
    const cache = join(root, LOADER_CACHE);
    for (const entry of await readdir(cache).catch(() => [])) if (!entry.startsWith("_")) await rm(join(cache, entry), { recursive: true, force: true });
    await fillLoaderCache(root, dataDir).catch((error: unknown) => {
      throw new BuildError(`the site's data could not be derived from ${dataDir}: ${messageOf(error)}`);
    });
    await seedNpmVersionCache(root);
    const framework = spawn(join(PROJECT_ROOT, "node_modules/.bin/observable"), ["build"], {
      cwd: PROJECT_ROOT,
      stdio: "inherit",
      env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1", TRACKER_OUTPUT_DIR: output },
    });
    const frameworkExit = new Promise<number | string>((resolve) => {
      framework.on("error", (error) => resolve(error.message));
      framework.on("close", (code, signal) => resolve(code ?? signal ?? "unknown"));
    });
    // Meanwhile, on the other core: the static SVG and PNG of every chart (src/embed/charts.ts), from
    // the same data files, into a scratch folder (Framework empties the output folder as it starts).
    const scratch = await mkdtemp(join(tmpdir(), "tracker-images-"));
    try {
      let images: { id: string; files: string[] }[];
      try {
        // Imported only now (linkedom, resvg, every chart): loading them overlaps Framework's build.
        const { writeEmbedImages } = await import("./embed-images.ts");
        images = await writeEmbedImages(join(root, LOADER_CACHE), scratch);
      } catch (error) {
        framework.kill();
        throw new BuildError(`static chart images failed: ${messageOf(error)}`);
      }
      const exit = await frameworkExit;
      if (exit !== 0) throw new BuildError(`observable build failed (${exit}); see the messages above.`);
      await fixBuiltHtml(output);
      await cp(join(scratch, "embed"), join(output, "embed"), { recursive: true });
      log(`static images of ${images.length} chart${images.length === 1 ? "" : "s"} written to ${join(output, "embed")}`);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  } finally {
    await release();
  }
  const offending = await findCdnReferences(output);
  if (offending.length > 0) {
    const found = offending.map((o) => `${o.file} refers to ${o.host}`).join("; ");
    throw new BuildError(`${found}. The site must not load anything from a CDN; import packages from node_modules instead.`);
  }
}
