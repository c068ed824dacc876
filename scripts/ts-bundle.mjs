/**
 * A TypeScript command as one ES module: the entry point, the project modules and the packages it
 * imports, bundled by esbuild and kept until one of those files changes. Plain JavaScript, because
 * it is what lets our TypeScript start without a loader: `node --import tsx` spends about 0.4 s of
 * every process on its hooks thread and on resolving and transforming module after module, more
 * than a day's data takes to derive; a kept bundle starts in a third of that.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** Bump when the bundle options change: bundles made with the old ones are then not reused. */
const FORMAT = 1;
/**
 * Left as imports from node_modules: native code (DuckDB, resvg), packages that locate their own files at
 * run time (Framework, esbuild's binary, Chromium's driver).
 */
const EXTERNAL = ["@duckdb/node-api", "@observablehq/framework", "@resvg/resvg-js", "esbuild", "playwright-core"];

/** `import.meta.url` in code, not in a string or a comment's quotes. */
const IMPORT_META_URL = /(?<!["'`\w.])import\.meta\.url\b/g;

/**
 * Project modules keep their own `import.meta.url` (each names its source file, as unbundled):
 * paths such as the project root are computed from it.
 */
const sourceFileUrls = {
  name: "source-file-urls",
  setup(bundler) {
    bundler.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
      if (args.path.includes("/node_modules/")) return undefined;
      const source = await readFile(args.path, "utf8");
      if (source.search(IMPORT_META_URL) < 0) return undefined;
      return {
        contents: source.replace(IMPORT_META_URL, JSON.stringify(pathToFileURL(args.path).href)),
        loader: /\.[cm]?ts$/.test(args.path) ? "ts" : "js",
      };
    });
  },
};

/** Each input file's size and modification time, as the bundle was made from them. */
function fingerprint(paths) {
  return Object.fromEntries(
    paths.map((path) => {
      const stat = statSync(path);
      return [path, [stat.size, stat.mtimeMs]];
    }),
  );
}

function unchanged(recorded) {
  try {
    return Object.entries(recorded).every(([path, [size, mtime]]) => {
      const stat = statSync(path);
      return stat.size === size && stat.mtimeMs === mtime;
    });
  } catch {
    return false;
  }
}

/**
 * The bundle of `entry` in `cacheDir`, made anew only when a file it was made from changed.
 * Records and bundles are replaced by rename, so concurrent commands never read half a file; a
 * bundle is named by its content, so one being imported is never overwritten.
 * @param {string} entry the .ts file
 * @param {string} cacheDir a folder under the project's node_modules, where package imports resolve
 * @returns {Promise<string>} the bundle's path
 */
export async function bundleTypeScript(entry, cacheDir) {
  const source = resolve(entry);
  const name = `${basename(source).replace(/\.[cm]?ts$/, "")}-${createHash("sha256").update(`${FORMAT} ${process.version} ${source}`).digest("hex").slice(0, 12)}`;
  const record = join(cacheDir, `${name}.json`);
  try {
    const { bundle, inputs } = JSON.parse(readFileSync(record, "utf8"));
    if (unchanged(inputs)) return join(cacheDir, bundle);
  } catch {
    // No bundle yet, or its record was cut short: make one.
  }
  const { build } = await import("esbuild");
  const started = Date.now();
  const result = await build({
    entryPoints: [source],
    write: false,
    outdir: cacheDir,
    bundle: true,
    external: EXTERNAL,
    platform: "node",
    format: "esm",
    target: "node20",
    // CommonJS packages inside an ES module still call require().
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    // Inline, so --enable-source-maps finds it; without the flag it costs nothing.
    sourcemap: "inline",
    sourcesContent: false,
    metafile: true,
    logLevel: "silent",
    plugins: [sourceFileUrls],
  });
  const code = result.outputFiles[0].contents;
  const bundle = `${name}.${createHash("sha256").update(code).digest("hex").slice(0, 12)}.mjs`;
  const inputs = fingerprint(Object.keys(result.metafile.inputs).map((path) => resolve(path)));
  mkdirSync(cacheDir, { recursive: true });
  const temp = `.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(join(cacheDir, temp), code);
  renameSync(join(cacheDir, temp), join(cacheDir, bundle));
  // A file saved while esbuild read it may be in the bundle as it was before: then no record, so
  // the next command bundles again.
  if (Object.values(inputs).every(([, mtime]) => mtime < started)) {
    writeFileSync(join(cacheDir, temp), JSON.stringify({ bundle, inputs }));
    renameSync(join(cacheDir, temp), record);
  }
  removeStale(cacheDir, name, bundle);
  return join(cacheDir, bundle);
}

/** Earlier bundles of the same entry, once no command can still be about to import them. */
function removeStale(cacheDir, name, current) {
  const hourAgo = Date.now() - 3_600_000;
  for (const file of readdirSync(cacheDir)) {
    if (!file.startsWith(`${name}.`) || !file.endsWith(".mjs") || file === current) continue;
    const path = join(cacheDir, file);
    if (statSync(path, { throwIfNoEntry: false })?.mtimeMs < hourAgo) rmSync(path, { force: true });
  }
}
