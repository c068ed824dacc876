/**
 * Folds of chart snapshots (../derive/chart-fold.ts) kept between builds, one small JSON file each,
 * under the key of the files it folds (a month's manifest segment's sha256, or a day's entries'):
 * stored files never change, so a new day reads only that day's files, and writes only its day's
 * and its month's fold. One folder per fold format and set of tracked apps (which the folds depend
 * on). A missing, unreadable or corrupt entry is a missing one, and a cache that cannot be saved
 * costs speed, never the build.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ChartFold } from "../derive/chart-fold.ts";
import type { TrackedIds } from "../derive/chart-summary.ts";

/** Bump when what a fold holds, or how it is computed, changes: old entries are then ignored. */
const FORMAT = 2;
/** Entries this old that a complete reading of the store did not use are removed. */
const STALE_MS = 24 * 3_600_000;

export interface FoldCache {
  get(key: string): ChartFold | undefined;
  set(key: string, fold: ChartFold): void;
  /**
   * Writes the entries set since opening and removes stale ones (older than a day and not used by
   * this reading, which must have asked for every entry it needs); returns a warning when it could not.
   */
  save(): string | null;
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
  const used = new Set<string>();
  const added = new Map<string, ChartFold>();
  return {
    get(key) {
      used.add(fileName(key));
      try {
        const parsed: unknown = JSON.parse(readFileSync(join(dir, fileName(key)), "utf8"));
        return isFold(parsed) ? parsed : undefined;
      } catch {
        // Not kept yet, or cut short: fold the files again.
        return undefined;
      }
    },
    set(key, fold) {
      used.add(fileName(key));
      added.set(fileName(key), fold);
    },
    save() {
      try {
        if (added.size > 0) mkdirSync(dir, { recursive: true });
        for (const [name, fold] of added) {
          const temp = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString("hex")}`);
          try {
            writeFileSync(temp, JSON.stringify(fold));
            renameSync(temp, join(dir, name));
          } finally {
            rmSync(temp, { force: true });
          }
        }
        added.clear();
      } catch (error) {
        return `could not save the chart fold cache in ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next build will read those snapshots again.`;
      }
      removeStale(dir, used);
      return null;
    },
  };
}

/** Best effort: an entry another build is writing or removing at the same time is left to it. */
function removeStale(dir: string, used: ReadonlySet<string>): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (used.has(name)) continue;
    try {
      const path = join(dir, name);
      if (now - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
    } catch {
      // Gone already.
    }
  }
}
