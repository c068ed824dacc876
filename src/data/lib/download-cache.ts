/**
 * Downloads kept between builds (./../outputs/downloads.ts): a part's CSV under the sha256 of the
 * stored files it is made of, and its Parquet under the CSV's sha256 and DuckDB's version. Stored
 * files never change and a past year gets no new ones, so after a new day only the current year's
 * files are written again (at five years of charts, streaming every CSV takes 2 s and DuckDB about
 * half a second a year). Files are linked (or copied) in and out, never written in place. A cache
 * that cannot be read or saved costs speed, never the build; entries no build used for a day are
 * removed.
 */
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

const STALE_MS = 24 * 3_600_000;

/** `to` as a hard link to `from`, or a copy where links are refused; false when `from` does not exist. */
async function place(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    await copyFile(from, to);
    return true;
  }
}

export interface DownloadCache {
  /** Puts the kept file `name` at `target` with what was kept with it; undefined when it is not kept. */
  get<T>(name: string, target: string): Promise<T | undefined>;
  /** Keeps `source` as `name`, with `about` (JSON); a warning when it could not. */
  put(name: string, source: string, about: unknown): Promise<string | null>;
  /** Removes entries this build did not use that are older than a day (another build may be using newer ones). */
  prune(): Promise<void>;
}

export function openDownloadCache(cacheDir: string): DownloadCache {
  const dir = join(cacheDir, "downloads");
  const used = new Set<string>();
  return {
    async get(name, target) {
      used.add(name).add(`${name}.json`);
      try {
        const about = JSON.parse(await readFile(join(dir, `${name}.json`), "utf8"));
        return (await place(join(dir, name), target)) ? about : undefined;
      } catch {
        // Not kept yet, or cut short: written again.
        return undefined;
      }
    },
    async put(name, source, about) {
      used.add(name).add(`${name}.json`);
      const temp = join(dir, `.${name}.${process.pid}`);
      try {
        await mkdir(dir, { recursive: true });
        await place(source, temp);
        await rename(temp, join(dir, name));
        // Written last: an entry without its JSON is not kept.
        await writeFile(temp, JSON.stringify(about));
        await rename(temp, join(dir, `${name}.json`));
        return null;
      } catch (error) {
        await rm(temp, { force: true });
        return `could not keep ${source} in ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next build writes it again.`;
      }
    },
    async prune() {
      const now = Date.now();
      for (const entry of await readdir(dir).catch(() => [])) {
        if (used.has(entry)) continue;
        const path = join(dir, entry);
        if (now - (await stat(path).then((s) => s.mtimeMs, () => now)) > STALE_MS) await rm(path, { force: true });
      }
    },
  };
}
