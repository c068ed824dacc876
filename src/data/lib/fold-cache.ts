/**
 * Folds of chart snapshots (../derive/chart-fold.ts) kept between builds, one small JSON file each,
 * under the key of the files it folds (a month's manifest segment's sha256, or a day's entries'):
 * stored files never change, so a new day reads only that day's files, and writes only its day's
 * and its month's fold. One folder per fold format and set of tracked apps (which the folds depend
 * on). A missing, unreadable or corrupt entry is a missing one, and a cache that cannot be saved
 * costs speed, never the build.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ChartFold } from "../derive/chart-fold.ts";
import type { TrackedIds } from "../derive/chart-summary.ts";
import { openKeptFiles } from "./kept-files.ts";

/** Bump when what a fold holds, or how it is computed, changes: old entries are then ignored. */
const FORMAT = 2;

export interface FoldCache {
  get(key: string): ChartFold | undefined;
  set(key: string, fold: ChartFold): void;
  /**
   * Writes the entries set since opening and removes stale ones (./kept-files.ts: this reading must
   * have asked for every entry it needs); returns a warning when it could not.
   */
  save(): Promise<string | null>;
}

function folderName(ids: TrackedIds): string {
  const tracked = Object.entries(ids).map(([store, map]) => [store, [...map].sort()]);
  return `chart-folds-${createHash("sha256").update(JSON.stringify([FORMAT, tracked])).digest("hex").slice(0, 16)}`;
}

const fileName = (key: string) => `${key.replace(/^sha256:/, "").replace(/[^0-9a-zA-Z_-]/g, "_")}.json`;

const isFold = (value: unknown): value is ChartFold =>
  typeof value === "object" && value !== null && typeof (value as ChartFold).charts === "object" && (value as ChartFold).charts !== null;

export function openFoldCache(cacheDir: string, ids: TrackedIds): FoldCache {
  const dir = join(cacheDir, folderName(ids));
  const kept = openKeptFiles(dir);
  const added = new Map<string, ChartFold>();
  return {
    get(key) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(kept.use(fileName(key)), "utf8"));
        return isFold(parsed) ? parsed : undefined;
      } catch {
        // Not kept yet, or cut short: fold the files again.
        return undefined;
      }
    },
    set(key, fold) {
      kept.use(fileName(key));
      added.set(fileName(key), fold);
    },
    async save() {
      try {
        for (const [name, fold] of added) await kept.put(name, (temp) => writeFileSync(temp, JSON.stringify(fold)));
        added.clear();
      } catch (error) {
        return `could not save the chart fold cache in ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next build will read those snapshots again.`;
      }
      kept.prune();
      return null;
    },
  };
}
