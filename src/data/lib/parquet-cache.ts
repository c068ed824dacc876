/**
 * Parquet downloads kept between builds, named by the sha256 of the CSV each was written from and
 * by DuckDB's version: a past year's CSV never changes, so after a new day only the current year's
 * Parquet is written again (writing one takes DuckDB about half a second per year of charts).
 * Files are linked (or copied) in and out, never written in place. A cache that cannot be read or
 * saved costs speed, never the build; entries no build used for a day are removed.
 */
import { copyFile, link, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { version } from "@duckdb/node-api";

const STALE_MS = 24 * 3_600_000;

/** `to` as a hard link to `from`, or a copy where links are refused; false when `from` does not exist. */
async function place(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return false;
    await copyFile(from, to);
    return true;
  }
}

export function openParquetCache(cacheDir: string) {
  const dir = join(cacheDir, "parquet");
  const used = new Set<string>();
  const name = (csvSha256: string) => `${csvSha256}-duckdb-${version()}.parquet`;
  return {
    /** Puts the Parquet of the CSV with this sha256 at `target`; false when none is kept. */
    async get(csvSha256: string, target: string): Promise<boolean> {
      used.add(name(csvSha256));
      return place(join(dir, name(csvSha256)), target).catch(() => false);
    },
    /** Keeps `source` as the Parquet of the CSV with this sha256; a warning when it could not. */
    async put(csvSha256: string, source: string): Promise<string | null> {
      used.add(name(csvSha256));
      const temp = join(dir, `.${name(csvSha256)}.${process.pid}`);
      try {
        await mkdir(dir, { recursive: true });
        await place(source, temp);
        await rename(temp, join(dir, name(csvSha256)));
        return null;
      } catch (error) {
        await rm(temp, { force: true });
        return `could not keep ${source} in ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next build writes it again.`;
      }
    },
    /** Removes entries this build did not use that are older than a day (another build may be using newer ones). */
    async prune(): Promise<void> {
      const now = Date.now();
      for (const entry of await readdir(dir).catch(() => [])) {
        if (used.has(entry)) continue;
        const path = join(dir, entry);
        if (now - (await stat(path).then((s) => s.mtimeMs, () => now)) > STALE_MS) await rm(path, { force: true });
      }
    },
  };
}
