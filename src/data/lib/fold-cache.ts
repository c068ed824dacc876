/**
 * Folds of chart snapshots (../derive/chart-fold.ts) kept between builds, each under the key of
 * the month of files it folds (its manifest segment's sha256): stored files never change, so a new
 * day reads only the month it falls in. One JSON file per fold format and set of tracked apps
 * (which the folds depend on). A missing, unreadable or corrupt cache is an empty one, and a cache
 * that cannot be saved costs speed, never the build.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ChartFold } from "../derive/chart-fold.ts";
import type { TrackedIds } from "../derive/chart-summary.ts";

/** Bump when what a fold holds, or how it is computed, changes: old entries are then ignored. */
const FORMAT = 1;

export interface FoldCache {
  get(key: string): ChartFold | undefined;
  /** Keeps `fold` for `key`; only the keys set or got since opening are saved. */
  set(key: string, fold: ChartFold): void;
  /** Writes the cache if anything was added; returns a warning when it could not. */
  save(): string | null;
}

function cacheName(ids: TrackedIds): string {
  const tracked = Object.entries(ids).map(([store, map]) => [store, [...map].sort()]);
  return `chart-folds-${createHash("sha256").update(JSON.stringify([FORMAT, tracked])).digest("hex").slice(0, 16)}.json`;
}

const isFold = (value: unknown): value is ChartFold =>
  typeof value === "object" && value !== null && typeof (value as ChartFold).charts === "object" && (value as ChartFold).charts !== null;

export function openFoldCache(dir: string, ids: TrackedIds): FoldCache {
  const path = join(dir, cacheName(ids));
  let stored: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) stored = parsed as Record<string, unknown>;
  } catch {
    // No cache yet, or one cut short: start empty.
  }
  // Months no longer in the store (a segment rewritten by a new day) are dropped on save.
  const used: Record<string, ChartFold> = {};
  let added = false;
  return {
    get(key) {
      const found = Object.hasOwn(stored, key) ? stored[key] : undefined;
      if (!isFold(found)) return undefined;
      used[key] = found;
      return found;
    },
    set(key, fold) {
      used[key] = fold;
      added = true;
    },
    save() {
      if (!added) return null;
      const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(temp, JSON.stringify(used));
        renameSync(temp, path);
        added = false;
        return null;
      } catch (error) {
        rmSync(temp, { force: true });
        return `could not save the chart fold cache to ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next build will read every snapshot again.`;
      }
    },
  };
}
