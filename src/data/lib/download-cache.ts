/**
 * Downloads kept between builds (./../outputs/downloads.ts, ./kept-files.ts): a part's CSV under
 * what names the stored files it is made of (a month's manifest segment's sha256, or the files'
 * own), and a Parquet file under its CSV files' sha256 and DuckDB's version. Stored files never change and a past month gets no new ones, so after a new day
 * only the current month's CSV and the current year's Parquet are written again. Files are linked
 * (or copied) in and out, never written in place. A cache that cannot be read or saved costs speed,
 * never the build.
 */
import { copyFileSync, linkSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openKeptFiles } from "./kept-files.ts";

/** `to` as a hard link to `from`, or a copy where links are refused. */
function place(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw error;
    copyFileSync(from, to);
  }
}

export interface DownloadCache {
  /** Puts the kept file `name` at `target` with what was kept with it; undefined when it is not kept. */
  get<T>(name: string, target: string): T | undefined;
  /** Keeps the kept file `name` without placing it: this build needs it no more, a later one may. */
  keep(name: string): void;
  /** Keeps `source` as `name`, with `about` (JSON); a warning when it could not. */
  put(name: string, source: string, about: unknown): Promise<string | null>;
  prune(): void;
}

export function openDownloadCache(cacheDir: string): DownloadCache {
  const dir = join(cacheDir, "downloads");
  const kept = openKeptFiles(dir);
  return {
    get(name, target) {
      const [file, json] = [kept.use(name), kept.use(`${name}.json`)];
      try {
        const about = JSON.parse(readFileSync(json, "utf8"));
        place(file, target);
        return about;
      } catch {
        // Not kept yet, or cut short: written again.
        return undefined;
      }
    },
    keep(name) {
      kept.use(name);
      kept.use(`${name}.json`);
    },
    async put(name, source, about) {
      try {
        await kept.put(name, (temp) => place(source, temp));
        // Written last: an entry without its JSON is not kept.
        await kept.put(`${name}.json`, (temp) => writeFileSync(temp, JSON.stringify(about)));
        return null;
      } catch (error) {
        return `could not keep ${source} in ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next build writes it again.`;
      }
    },
    prune: kept.prune,
  };
}
